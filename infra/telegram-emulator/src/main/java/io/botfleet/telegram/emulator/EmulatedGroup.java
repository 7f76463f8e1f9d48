package io.botfleet.telegram.emulator;

/** A simulated group every bot is a member of; group ids are negative, as in Telegram. */
public record EmulatedGroup(long id, String title) {
}
