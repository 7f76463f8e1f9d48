package io.botfleet.observability;

import java.time.Instant;

/** One log event of a function: when it was written and what it says (a JSON object for the platform's own lines). */
public record LogLine(Instant at, String function, String message) {}
