package io.botfleet.telegram.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message a bot sent that is in a chat now, as the recipient sees it (after any edits; deleted messages are gone).
 *
 * @param method      the Bot API method that sent it, e.g. {@code sendMessage}, {@code sendPhoto}
 * @param text        the text, or the caption for media, after entity parsing (null for media without caption)
 * @param entities    the resulting entities (or caption entities) as JSON-like maps; empty when none
 * @param parseMode   the {@code parse_mode} the bot asked for (in the latest edit, if edited), or null
 * @param replyMarkup the {@code reply_markup} as JSON-like maps, or null
 * @param fileId      the file id of the sent media, or null for text
 * @param editDate    when the message was last edited, or null if it never was
 */
public record ReceivedMessage(
        long messageId,
        String method,
        String text,
        List<Map<String, Object>> entities,
        String parseMode,
        Map<String, Object> replyMarkup,
        String fileId,
        boolean allowPaidBroadcast,
        Instant date,
        Instant editDate) {

    /** A message as first sent: never edited. */
    public ReceivedMessage(long messageId, String method, String text, List<Map<String, Object>> entities,
                           String parseMode, Map<String, Object> replyMarkup, String fileId,
                           boolean allowPaidBroadcast, Instant date) {
        this(messageId, method, text, entities, parseMode, replyMarkup, fileId, allowPaidBroadcast, date, null);
    }

    ReceivedMessage edited(String newText, List<Map<String, Object>> newEntities, String newParseMode,
                           Map<String, Object> newReplyMarkup, Instant when) {
        return new ReceivedMessage(messageId, method, newText, newEntities, newParseMode, newReplyMarkup, fileId,
                allowPaidBroadcast, date, when);
    }
}
