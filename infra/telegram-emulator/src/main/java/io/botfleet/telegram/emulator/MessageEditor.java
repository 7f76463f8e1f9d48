package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * editMessageText, editMessageCaption, editMessageReplyMarkup and deleteMessage, in the order Telegram checks:
 * the new content first, then the message identifier, the chat, the bot's rights in it, and the message itself.
 * An edit that changes nothing is refused, as Telegram refuses it; edits are not rate limited.
 */
final class MessageEditor {

    private static final int MAX_CAPTION_LENGTH = 1024;
    private static final String NOT_MODIFIED = "message is not modified: specified new message content and reply "
            + "markup are exactly the same as a current content and reply markup of the message";

    /** Where the message to edit or delete is. */
    private record Target(ChatHistory history, long messageId) {
    }

    private final ChatAccess access;
    private final Clock clock;

    MessageEditor(ChatAccess access, Clock clock) {
        this.access = access;
        this.clock = clock;
    }

    JsonNode editMessageText(BotState bot, ApiParams params) {
        String parseMode = params.string("parse_mode");
        FormattedText text = TextFormatter.messageText(params);
        JsonNode replyMarkup = params.json("reply_markup");
        ReplyMarkupValidator.validate(replyMarkup);
        return edit(bot, params, current -> {
            if (!current.json().has("text")) {
                throw ApiException.badRequest("there is no text in the message to edit");
            }
            ObjectNode next = current.json();
            next.put("text", text.text());
            setOrRemove(next, "entities", text.entities().isEmpty() ? null : text.entities());
            setOrRemove(next, "reply_markup", replyMarkup);
            return new Change(next, text.text(), Json.toList(text.entities()), parseMode, "text", "entities");
        });
    }

    /** A missing caption removes the caption, as in Telegram. */
    JsonNode editMessageCaption(BotState bot, ApiParams params) {
        String raw = params.string("caption");
        String parseMode = params.string("parse_mode");
        FormattedText caption = raw == null || raw.isEmpty()
                ? null
                : TextFormatter.format(raw, parseMode, params.json("caption_entities"));
        if (caption != null && caption.text().length() > MAX_CAPTION_LENGTH) {
            throw ApiException.badRequest("message caption is too long");
        }
        JsonNode replyMarkup = params.json("reply_markup");
        ReplyMarkupValidator.validate(replyMarkup);
        return edit(bot, params, current -> {
            if (current.json().has("text")) {
                throw ApiException.badRequest("there is no caption in the message to edit");
            }
            ObjectNode next = current.json();
            setOrRemove(next, "caption", caption == null ? null : Json.MAPPER.getNodeFactory().textNode(caption.text()));
            setOrRemove(next, "caption_entities",
                    caption == null || caption.entities().isEmpty() ? null : caption.entities());
            setOrRemove(next, "reply_markup", replyMarkup);
            return new Change(next, caption == null ? null : caption.text(),
                    caption == null ? List.of() : Json.toList(caption.entities()), parseMode, "caption", "caption_entities");
        });
    }

    /** A missing reply_markup removes the inline keyboard. */
    JsonNode editMessageReplyMarkup(BotState bot, ApiParams params) {
        JsonNode replyMarkup = params.json("reply_markup");
        ReplyMarkupValidator.validate(replyMarkup);
        return edit(bot, params, current -> {
            ObjectNode next = current.json();
            setOrRemove(next, "reply_markup", replyMarkup);
            ReceivedMessage received = current.received();
            return new Change(next, received.text(), received.entities(), received.parseMode());
        });
    }

    JsonNode deleteMessage(BotState bot, ApiParams params) {
        if (!params.has("chat_id") || params.string("chat_id").isEmpty()) {
            throw ApiException.badRequest("chat identifier is not specified");
        }
        long messageId = params.messageId("message_id");
        if (messageId == 0) {
            throw ApiException.badRequest("message identifier is not specified");
        }
        long chatId = params.chatId("chat_id");
        access.requireChat(chatId);
        access.check(bot, chatId, ChatAccess.Right.WRITE);
        if (!bot.chat(chatId).delete(messageId)) {
            throw ApiException.badRequest("message to delete not found");
        }
        return BooleanNode.TRUE;
    }

    /**
     * The edited message and what the recipient now sees; {@code contentFields} are the message fields the edit may
     * change besides reply_markup (compared to detect an edit that changes nothing).
     */
    private record Change(ObjectNode json, String text, List<Map<String, Object>> entities, String parseMode,
                          String... contentFields) {
    }

    private interface Editing {
        Change apply(ChatHistory.Stored current);
    }

    private JsonNode edit(BotState bot, ApiParams params, Editing editing) {
        Target target = target(bot, params);
        Instant now = clock.instant();
        ChatHistory.Stored edited = target.history().edit(target.messageId(), current -> {
            if (!current.fromBot()) {
                throw ApiException.badRequest("message can't be edited");
            }
            Change change = editing.apply(current);
            if (unchanged(current.json(), change.json(), change.contentFields())) {
                throw ApiException.badRequest(NOT_MODIFIED);
            }
            change.json().put("edit_date", now.getEpochSecond());
            return new ChatHistory.Stored(change.json(), current.received().edited(change.text(), change.entities(),
                    change.parseMode(), Json.toMap(change.json().get("reply_markup")), now));
        });
        if (edited == null) {
            throw ApiException.badRequest("message to edit not found");
        }
        return edited.result();
    }

    /** Telegram accepts chat_id + message_id, or inline_message_id for messages sent via inline mode. */
    private Target target(BotState bot, ApiParams params) {
        long messageId = params.messageId("message_id");
        boolean noChat = !params.has("chat_id") || params.string("chat_id").isEmpty();
        if (noChat && messageId == 0) {
            String inlineMessageId = params.string("inline_message_id");
            if (inlineMessageId == null || inlineMessageId.isEmpty()) {
                throw ApiException.badRequest("message identifier is not specified");
            }
            // inline mode is not emulated, so no inline message id is valid
            throw ApiException.badRequest("MESSAGE_ID_INVALID");
        }
        long chatId = params.chatId("chat_id");
        access.requireChat(chatId);
        access.check(bot, chatId, ChatAccess.Right.EDIT);
        if (messageId == 0) {
            throw ApiException.badRequest("message to edit not found");
        }
        return new Target(bot.chat(chatId), messageId);
    }

    private static boolean unchanged(ObjectNode current, ObjectNode next, String... contentFields) {
        for (String field : contentFields) {
            if (!Objects.equals(current.get(field), next.get(field))) {
                return false;
            }
        }
        return Objects.equals(current.get("reply_markup"), next.get("reply_markup"));
    }

    private static void setOrRemove(ObjectNode target, String field, JsonNode value) {
        if (value == null || value.isNull()) {
            target.remove(field);
        } else {
            target.set(field, value);
        }
    }
}
