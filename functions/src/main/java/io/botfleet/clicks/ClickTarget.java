package io.botfleet.clicks;

/**
 * What one tracked link or button of an ad message stands for: the campaign that sent it, which of the message's
 * trackable elements it is ({@code link}, counted from 0: the text's links in order, then the keyboard's buttons row by
 * row) and the chat it was sent to.
 */
public record ClickTarget(String campaignId, int link, long chatId) {
    /** A code has one byte for the link; a message has far fewer links and buttons (Telegram allows 100 buttons). */
    public static final int MAX_LINKS = 256;

    public ClickTarget {
        if (link < 0 || link >= MAX_LINKS) {
            throw new IllegalArgumentException("link index out of range");
        }
    }
}
