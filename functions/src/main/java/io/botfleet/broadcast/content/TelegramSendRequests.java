package io.botfleet.broadcast.content;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the Bot API send call for one recipient from validated content. */
public final class TelegramSendRequests {
    private TelegramSendRequests() {}

    /**
     * @param allowPaidBroadcast sets {@code allow_paid_broadcast}: the bot pays Stars to exceed the free 30 msg/s
     * @param cachedFileId the media's file_id already known for this bot; wins over the content's own source because
     *     a file_id is only valid for the bot that uploaded it and costs Telegram no download
     */
    public static TelegramSendRequest forChat(MessageContent content, long chatId, boolean allowPaidBroadcast, String cachedFileId) {
        Map<String, Object> p = new LinkedHashMap<>();
        Media media = content.media();
        String text = content.text();
        boolean hasText = text != null && !text.isEmpty();
        String library = null;
        if (media != null && cachedFileId == null && media.mediaId() != null) {
            library = media.mediaId();
        } else if (media != null) {
            p.put(media.kind().parameterName(), cachedFileId != null ? cachedFileId : media.fileId() != null ? media.fileId() : media.url());
        }
        if (hasText) {
            p.put(media == null ? "text" : "caption", text);
            if (content.parseMode().telegramName() != null) {
                p.put("parse_mode", content.parseMode().telegramName());
            } else if (!content.entities().isEmpty()) {
                p.put(media == null ? "entities" : "caption_entities", List.copyOf(content.entities()));
            }
        }
        if (!content.keyboard().isEmpty()) {
            p.put("reply_markup", Map.of("inline_keyboard", inlineKeyboard(content.keyboard())));
        }
        p.put("disable_notification", content.disableNotification());
        p.put("protect_content", content.protectContent());
        if (allowPaidBroadcast) {
            p.put("allow_paid_broadcast", true);
        }
        String method = media == null ? "sendMessage" : media.kind().sendMethod();
        return new TelegramSendRequest(method, chatId, Collections.unmodifiableMap(p), library);
    }

    /**
     * The same message for every chat (a campaign without per-recipient content): built once, so every request shares
     * its parameters and a sender serializes them once.
     */
    public static java.util.function.LongFunction<TelegramSendRequest> forEveryChat(MessageContent content,
                                                                                   boolean allowPaidBroadcast) {
        return forChat(content, 0, allowPaidBroadcast, null)::to;
    }

    private static List<List<Map<String, String>>> inlineKeyboard(List<List<InlineButton>> keyboard) {
        List<List<Map<String, String>>> rows = new ArrayList<>();
        for (List<InlineButton> row : keyboard) {
            List<Map<String, String>> buttons = new ArrayList<>();
            for (InlineButton button : row) {
                Map<String, String> b = new LinkedHashMap<>();
                b.put("text", button.text());
                if (button.url() != null) {
                    b.put("url", button.url());
                } else {
                    b.put("callback_data", button.callbackData());
                }
                buttons.add(Collections.unmodifiableMap(b));
            }
            rows.add(List.copyOf(buttons));
        }
        return List.copyOf(rows);
    }
}
