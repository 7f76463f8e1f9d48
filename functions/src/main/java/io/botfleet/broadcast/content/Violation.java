package io.botfleet.broadcast.content;

/** One content error: {@code field} is a JSON path ("content.keyboard[1][0].callbackData"), {@code code} is stable. */
public record Violation(String field, String code, String message) {}
