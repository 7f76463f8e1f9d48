package io.botfleet.telegram.emulator;

import java.time.Instant;

/** One Bot API call a bot made and the HTTP status it was answered with. */
public record ApiCall(String method, Instant time, int status) {
}
