package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The send methods. Each validates everything first, then checks the bot may write to the chat, then takes the
 * media's content (uploads, URL fetches), and only then asks the rate limiter, so a rejected request neither
 * counts against the limits nor consumes a message id.
 */
final class MessageSender {

    private static final int MAX_CAPTION_LENGTH = 1024;
    private static final long MAX_PHOTO_UPLOAD_BYTES = 10L * 1024 * 1024;
    private static final long MAX_UPLOAD_BYTES = 50L * 1024 * 1024;
    private static final Set<String> MEDIA_GROUP_TYPES = Set.of("photo", "video", "document", "audio");
    private static final List<String> COPIED_FIELDS =
            List.of("text", "entities", "photo", "video", "document", "audio", "caption", "caption_entities");

    private final EmulatorState state;
    private final ChatAccess access;
    private final MediaFetcher fetcher;
    private final AtomicLong lastMediaGroupId = new AtomicLong(13_000_000_000_000_000L);

    MessageSender(EmulatorState state, ChatAccess access, MediaFetcher fetcher) {
        this.state = state;
        this.access = access;
        this.fetcher = fetcher;
    }

    JsonNode sendMessage(BotState bot, ApiParams params) {
        long chatId = params.chatId("chat_id");
        ObjectNode chat = requireChat(chatId);
        String parseMode = params.string("parse_mode");
        FormattedText text = TextFormatter.messageText(params);
        Outgoing out = outgoing(bot, chatId, chat, params);
        ObjectNode message = out.message();
        message.put("text", text.text());
        setIfNotEmpty(message, "entities", text.entities());
        setIfPresent(message, "reply_markup", out.replyMarkup());
        ChatHistory.Stored stored = out.history().botSent(new ReceivedMessage(out.messageId(), "sendMessage", text.text(),
                Json.toList(text.entities()), parseMode, Json.toMap(out.replyMarkup()), null, out.paid(), out.now()), message);
        bot.countSent(1);
        return stored.result();
    }

    /**
     * sendPhoto, sendVideo, sendDocument, sendAnimation, sendAudio: {@code kind} is the parameter and message field
     * name. The media is a file_id of this bot, an upload, or an http(s) URL the emulator fetches as Telegram does.
     */
    JsonNode sendMedia(BotState bot, String method, String kind, ApiParams params) {
        long chatId = params.chatId("chat_id");
        ObjectNode chat = requireChat(chatId);
        Media media = prepare(bot, kind, params.string(kind), params.file(kind), params);
        String parseMode = params.string("parse_mode");
        FormattedText caption = caption(params.string("caption"), parseMode, params.json("caption_entities"));
        JsonNode replyMarkup = params.json("reply_markup");
        ReplyMarkupValidator.validate(replyMarkup);
        boolean paid = params.bool("allow_paid_broadcast");
        access.check(bot, chatId, ChatAccess.Right.SEND);
        StoredFile file;
        try {
            file = load(bot, media);
        } catch (MediaRejection rejected) {
            throw rejected.forSingleSend();
        }
        admitRate(bot, chatId, paid);

        Instant now = state.clock().instant();
        ChatHistory history = bot.chat(chatId);
        long messageId = history.nextMessageId();
        ObjectNode message = message(bot, chat, messageId, now, params);
        message.set(kind, mediaJson(file));
        addCaption(message, caption);
        setIfPresent(message, "reply_markup", replyMarkup);
        ChatHistory.Stored stored = history.botSent(new ReceivedMessage(messageId, method,
                caption == null ? null : caption.text(), caption == null ? List.of() : Json.toList(caption.entities()),
                parseMode, Json.toMap(replyMarkup), file.fileId(), paid, now), message);
        bot.countSent(1);
        return stored.result();
    }

    /** An album is admitted by the limiter as one send; each item becomes a message. */
    JsonNode sendMediaGroup(BotState bot, ApiParams params) {
        long chatId = params.chatId("chat_id");
        ObjectNode chat = requireChat(chatId);
        JsonNode media = params.json("media");
        if (media == null || !media.isArray() || media.size() < 2 || media.size() > 10) {
            throw ApiException.badRequest("media must include 2-10 items");
        }
        record Item(String kind, Media media, FormattedText caption, String parseMode) {
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode entry : media) {
            String kind = entry.path("type").asText().toLowerCase(Locale.ROOT);
            if (!MEDIA_GROUP_TYPES.contains(kind)) {
                throw ApiException.badRequest("unsupported media type \"" + kind + "\" in the media group");
            }
            String parseMode = entry.hasNonNull("parse_mode") ? entry.get("parse_mode").asText() : null;
            items.add(new Item(kind, prepare(bot, kind, entry.path("media").asText(null), null, params),
                    caption(entry.hasNonNull("caption") ? entry.get("caption").asText() : null, parseMode,
                            entry.get("caption_entities")),
                    parseMode));
        }
        boolean paid = params.bool("allow_paid_broadcast");
        access.check(bot, chatId, ChatAccess.Right.SEND);
        List<StoredFile> files = new ArrayList<>();
        for (Item item : items) {
            try {
                files.add(load(bot, item.media()));
            } catch (MediaRejection rejected) {
                throw rejected.forAlbumItem(files.size() + 1);
            }
        }
        admitRate(bot, chatId, paid);

        Instant now = state.clock().instant();
        ChatHistory history = bot.chat(chatId);
        String mediaGroupId = Long.toString(lastMediaGroupId.incrementAndGet());
        ArrayNode result = Json.array();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            StoredFile file = files.get(i);
            long messageId = history.nextMessageId();
            ObjectNode message = message(bot, chat, messageId, now, params).put("media_group_id", mediaGroupId);
            message.set(item.kind(), mediaJson(file));
            addCaption(message, item.caption());
            result.add(history.botSent(new ReceivedMessage(messageId, "sendMediaGroup",
                    item.caption() == null ? null : item.caption().text(),
                    item.caption() == null ? List.of() : Json.toList(item.caption().entities()), item.parseMode(), null,
                    file.fileId(), paid, now), message).result());
        }
        bot.countSent(items.size());
        return result;
    }

    JsonNode copyMessage(BotState bot, ApiParams params) {
        long chatId = params.chatId("chat_id");
        ObjectNode chat = requireChat(chatId);
        long fromChatId = params.chatId("from_chat_id");
        long sourceId = params.requiredLong("message_id");
        ObjectNode source = requireChat(fromChatId) == null ? null : bot.chat(fromChatId).message(sourceId);
        if (source == null) {
            throw ApiException.badRequest("message to copy not found");
        }
        String parseMode = params.string("parse_mode");
        FormattedText newCaption = params.has("caption")
                ? caption(params.string("caption"), parseMode, params.json("caption_entities"))
                : null;
        Outgoing out = outgoing(bot, chatId, chat, params);
        ObjectNode message = out.message();
        for (String field : COPIED_FIELDS) {
            setIfPresent(message, field, source.get(field));
        }
        if (newCaption != null && !message.has("text")) {
            message.remove("caption_entities");
            addCaption(message, newCaption);
        }
        setIfPresent(message, "reply_markup", out.replyMarkup());
        String text = message.has("text") ? message.get("text").asText()
                : message.has("caption") ? message.get("caption").asText() : null;
        JsonNode entities = message.has("entities") ? message.get("entities") : message.get("caption_entities");
        out.history().botSent(new ReceivedMessage(out.messageId(), "copyMessage", text, Json.toList(entities), parseMode,
                Json.toMap(out.replyMarkup()), fileIdOf(message), out.paid(), out.now()), message);
        bot.countSent(1);
        return Json.object().put("message_id", out.messageId());
    }

    /** A message the bot is about to send: its markup checked, the chat's rate admitted, its id and skeleton made. */
    private record Outgoing(JsonNode replyMarkup, boolean paid, Instant now, ChatHistory history, long messageId,
                            ObjectNode message) {}

    private Outgoing outgoing(BotState bot, long chatId, ObjectNode chat, ApiParams params) {
        JsonNode replyMarkup = params.json("reply_markup");
        ReplyMarkupValidator.validate(replyMarkup);
        boolean paid = params.bool("allow_paid_broadcast");
        admit(bot, chatId, paid);
        Instant now = state.clock().instant();
        ChatHistory history = bot.chat(chatId);
        long messageId = history.nextMessageId();
        return new Outgoing(replyMarkup, paid, now, history, messageId, message(bot, chat, messageId, now, params));
    }

    private ObjectNode requireChat(long chatId) {
        return access.requireChat(chatId);
    }

    private void admit(BotState bot, long chatId, boolean paidBroadcast) {
        access.check(bot, chatId, ChatAccess.Right.SEND);
        admitRate(bot, chatId, paidBroadcast);
    }

    /** The 429s: a flood wait or forced 429 (faults), then Telegram's send limits. */
    private void admitRate(BotState bot, long chatId, boolean paidBroadcast) {
        int floodWait = bot.floodWaitSecondsLeft();
        if (floodWait > 0) {
            throw ApiException.tooManyRequests(floodWait);
        }
        if (bot.takeForced429()) {
            throw ApiException.tooManyRequests(bot.faults().forced429RetryAfterSeconds());
        }
        long wait = bot.rateLimiter().tryAcquire(chatId, paidBroadcast, bot.limits(), state.nanoTime());
        if (wait > 0) {
            throw ApiException.tooManyRequests(SendRateLimiter.retryAfterSeconds(wait));
        }
    }

    private static FormattedText caption(String raw, String parseMode, JsonNode explicitEntities) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        FormattedText caption = TextFormatter.format(raw, parseMode, explicitEntities);
        if (caption.text().length() > MAX_CAPTION_LENGTH) {
            throw ApiException.badRequest("message caption is too long");
        }
        return caption;
    }

    /**
     * A media parameter as the Bot API server checks it before anything is sent: a file_id of this bot, an upload
     * (too large → 413 or "file is too big") or a URL. Exactly one of the three is set.
     */
    private record Media(String kind, StoredFile known, UploadedFile upload, String url) {
    }

    private static Media prepare(BotState bot, String kind, String reference, UploadedFile upload, ApiParams params) {
        if (upload == null && reference != null && reference.startsWith("attach://")) {
            upload = params.file(reference.substring("attach://".length()));
            if (upload == null) {
                throw ApiException.badRequest("wrong file identifier/HTTP URL specified");
            }
        }
        if (upload != null) {
            long size = upload.content().length;
            if (size > MAX_UPLOAD_BYTES) {
                throw ApiException.of(413, "Request Entity Too Large");
            }
            if (kind.equals("photo") && size > MAX_PHOTO_UPLOAD_BYTES) {
                throw ApiException.badRequest("file is too big");
            }
            return new Media(kind, null, upload, null);
        }
        if (reference == null || reference.isEmpty()) {
            throw ApiException.badRequest("there is no " + kind + " in the request");
        }
        if (reference.startsWith("http://") || reference.startsWith("https://")) {
            return new Media(kind, null, null, reference);
        }
        StoredFile file = bot.file(reference);
        if (file == null) {
            throw ApiException.badRequest("wrong file identifier/HTTP URL specified");
        }
        return new Media(kind, file, null, null);
    }

    /**
     * The media's content, taken only once the send is otherwise valid and allowed, as Telegram processes it only
     * then: an upload must be an image to be a photo, a URL is fetched (unless fetching is off). Throws
     * {@link MediaRejection} for content Telegram would refuse.
     */
    private StoredFile load(BotState bot, Media media) {
        if (media.known() != null) {
            return media.known();
        }
        String kind = media.kind();
        if (media.upload() != null) {
            UploadedFile upload = media.upload();
            if (kind.equals("photo") && !MediaTypes.isImage(upload.content())) {
                throw new MediaRejection(MediaRejection.Reason.IMAGE_PROCESS_FAILED);
            }
            StoredFile file = store(bot, kind, upload.fileName(), upload.contentType(), upload.content());
            bot.uploaded(file);
            return file;
        }
        if (fetcher.enabled()) {
            MediaFetcher.Fetched fetched = fetcher.fetch(kind, media.url());
            return store(bot, kind, fetched.fileName(), fetched.contentType(), fetched.content());
        }
        String name = media.url().substring(media.url().lastIndexOf('/') + 1);
        return store(bot, kind, name.isEmpty() ? kind : name, null, null);
    }

    private StoredFile store(BotState bot, String kind, String fileName, String mimeType, byte[] content) {
        long size = content == null ? 0 : content.length;
        String fileId = "BQACAgIAAxkBAA" + state.randomId(58);
        String extension = fileName != null && fileName.contains(".") ? fileName.substring(fileName.lastIndexOf('.')) : "";
        StoredFile file = new StoredFile(fileId, "AgAD" + state.randomId(12), kind, fileName,
                mimeType == null ? "application/octet-stream" : mimeType, size,
                kind + "s/file_" + state.randomId(10) + extension, content);
        bot.storeFile(file);
        return file;
    }

    private static JsonNode mediaJson(StoredFile file) {
        ObjectNode json = Json.object().put("file_id", file.fileId()).put("file_unique_id", file.fileUniqueId());
        if (file.size() > 0) {
            json.put("file_size", file.size());
        }
        switch (file.kind()) {
            case "photo" -> {
                json.put("width", 1280).put("height", 720);
                return Json.array().add(json);
            }
            case "video" -> json.put("width", 1280).put("height", 720).put("duration", 1).put("mime_type", file.mimeType());
            case "audio" -> json.put("duration", 1).put("mime_type", file.mimeType()).put("file_name", file.fileName());
            default -> json.put("file_name", file.fileName()).put("mime_type", file.mimeType());
        }
        return json;
    }

    private static String fileIdOf(ObjectNode message) {
        for (String kind : MEDIA_GROUP_TYPES) {
            JsonNode media = message.get(kind);
            if (media != null) {
                return (media.isArray() ? media.get(media.size() - 1) : media).path("file_id").asText(null);
            }
        }
        return null;
    }

    private static ObjectNode message(BotState bot, ObjectNode chat, long messageId, Instant now, ApiParams params) {
        ObjectNode message = Json.object().put("message_id", messageId);
        message.set("from", bot.userJson());
        message.set("chat", chat);
        message.put("date", now.getEpochSecond());
        if (params.bool("protect_content")) {
            message.put("has_protected_content", true);
        }
        return message;
    }

    private static void addCaption(ObjectNode message, FormattedText caption) {
        if (caption != null) {
            message.put("caption", caption.text());
            setIfNotEmpty(message, "caption_entities", caption.entities());
        }
    }

    private static void setIfPresent(ObjectNode target, String field, JsonNode value) {
        if (value != null && !value.isNull()) {
            target.set(field, value);
        }
    }

    private static void setIfNotEmpty(ObjectNode target, String field, JsonNode array) {
        if (array != null && !array.isEmpty()) {
            target.set(field, array);
        }
    }
}
