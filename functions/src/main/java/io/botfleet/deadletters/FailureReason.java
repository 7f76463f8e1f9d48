package io.botfleet.deadletters;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Why a message failed on the last receive its queue allowed, as the consuming function said it (SQS keeps no reason
 * when it moves a message to the dead-letter queue). {@code receiveCount} is the count at that failure: the dead
 * letter's own count grows with every look at it.
 */
public record FailureReason(String messageId, String reason, Instant failedAt, int receiveCount) {
    /** Enough to name the cause; a reason is shown in lists, not a stack trace. */
    public static final int MAX_LENGTH = 500;
    /** A Telegram bot token ({@code <digits>:<35 characters>}) wherever an exception's text happens to carry one. */
    private static final Pattern BOT_TOKEN = Pattern.compile("\\d{5,}:[A-Za-z0-9_-]{30,}");

    public FailureReason {
        reason = safe(reason);
    }

    /** The exception's class and message: what an operator needs to decide between redriving and discarding. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** One line, bounded, with any bot token masked: a reason is shown to operators and may be logged. */
    static String safe(String text) {
        String line = BOT_TOKEN.matcher(text == null ? "" : text).replaceAll("[token]").replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 1) + "…";
    }
}
