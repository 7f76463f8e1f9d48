package io.botfleet.telegram.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message a bot sent that arrived in a chat, as the recipient sees it.
 *
 * @param method      the Bot API method that sent it, e.g. {@code sendMessage}, {@code sendPhoto}
 * @param text        the text, or the caption for media, after entity parsing (null for media without caption)
 * @param entities    the resulting entities (or caption entities) as JSON-like maps; empty when none
 * @param parseMode   the {@code parse_mode} the bot asked for, or null
 * @param replyMarkup the {@code reply_markup} as JSON-like maps, or null
 * @param fileId      the file id of the sent media, or null for text
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
        Instant date) {
}
