package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Set;

/** getChat and sendChatAction: methods about a chat rather than a message. */
final class ChatMethods {

    /**
     * The documented actions, plus the older names Telegram's Bot API server still accepts (record_audio,
     * upload_audio, pick_up_location, cancel), so a client using them is not refused here and accepted there.
     */
    private static final Set<String> CHAT_ACTIONS = Set.of("typing", "upload_photo", "record_video", "upload_video",
            "record_voice", "upload_voice", "upload_document", "choose_sticker", "find_location", "record_video_note",
            "upload_video_note", "record_audio", "upload_audio", "pick_up_location", "cancel");
    /** What Telegram reports for chats whose settings leave the default. */
    private static final int DEFAULT_MAX_REACTION_COUNT = 11;
    private static final int ACCENT_COLORS = 7;

    private final ChatAccess access;

    ChatMethods(ChatAccess access) {
        this.access = access;
    }

    /** A ChatFullInfo: the chat object plus the fields Telegram always includes. */
    JsonNode getChat(BotState bot, ApiParams params) {
        long chatId = params.chatId("chat_id");
        ObjectNode info = access.requireChat(chatId).deepCopy();
        access.check(bot, chatId, ChatAccess.Right.READ);
        // Telegram derives the default accent colour from the id
        info.put("accent_color_id", Math.floorMod(chatId, ACCENT_COLORS));
        info.put("max_reaction_count", DEFAULT_MAX_REACTION_COUNT);
        info.putObject("accepted_gift_types")
                .put("unlimited_gifts", true)
                .put("limited_gifts", true)
                .put("unique_gifts", true)
                .put("premium_subscription", true)
                .put("gifts_from_channels", true);
        return info;
    }

    /** The action is checked before the chat, as Telegram does; the action itself leaves no trace in the chat. */
    JsonNode sendChatAction(BotState bot, ApiParams params) {
        String action = params.string("action");
        if (action == null || !CHAT_ACTIONS.contains(action.toLowerCase(Locale.ROOT))) {
            throw ApiException.badRequest("wrong parameter action in request");
        }
        long chatId = params.chatId("chat_id");
        access.requireChat(chatId);
        access.check(bot, chatId, ChatAccess.Right.SEND);
        return BooleanNode.TRUE;
    }
}
