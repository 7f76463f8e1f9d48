package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The Bot API methods, by name. Method names are case-insensitive, as Telegram's are. */
final class BotApi {

    private static final Pattern SECRET_TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final int DEFAULT_MAX_CONNECTIONS = 40;
    private static final int MAX_GET_UPDATES_LIMIT = 100;

    /**
     * A method implementation; {@link #name} is the canonical spelling recorded in {@link ApiCall}s, {@link #send}
     * marks the methods that deliver messages (subject to send limits and send faults).
     */
    record Method(String name, BiFunction<BotState, ApiParams, JsonNode> implementation, boolean send) {
        Method(String name, BiFunction<BotState, ApiParams, JsonNode> implementation) {
            this(name, implementation, false);
        }
    }

    private final Map<String, Method> methods;
    private final Clock clock;

    BotApi(MessageSender sender, MessageEditor editor, BotCommands commands, ChatMethods chats, Clock clock) {
        this.clock = clock;
        List<Method> all = List.of(
                new Method("getMe", (bot, params) -> getMe(bot)),
                new Method("setWebhook", BotApi::setWebhook),
                new Method("deleteWebhook", BotApi::deleteWebhook),
                new Method("getWebhookInfo", (bot, params) -> webhookInfo(bot.updates().state())),
                new Method("getUpdates", BotApi::getUpdates),
                new Method("sendMessage", sender::sendMessage, true),
                new Method("sendPhoto", (bot, params) -> sender.sendMedia(bot, "sendPhoto", "photo", params), true),
                new Method("sendVideo", (bot, params) -> sender.sendMedia(bot, "sendVideo", "video", params), true),
                new Method("sendDocument", (bot, params) -> sender.sendMedia(bot, "sendDocument", "document", params), true),
                new Method("sendAnimation", (bot, params) -> sender.sendMedia(bot, "sendAnimation", "animation", params), true),
                new Method("sendAudio", (bot, params) -> sender.sendMedia(bot, "sendAudio", "audio", params), true),
                new Method("sendMediaGroup", sender::sendMediaGroup, true),
                new Method("copyMessage", sender::copyMessage, true),
                new Method("editMessageText", editor::editMessageText),
                new Method("editMessageCaption", editor::editMessageCaption),
                new Method("editMessageReplyMarkup", editor::editMessageReplyMarkup),
                new Method("deleteMessage", editor::deleteMessage),
                new Method("getChat", chats::getChat),
                new Method("sendChatAction", chats::sendChatAction),
                new Method("setMyCommands", commands::setMyCommands),
                new Method("getMyCommands", commands::getMyCommands),
                new Method("deleteMyCommands", commands::deleteMyCommands),
                new Method("answerCallbackQuery", BotApi::answerCallbackQuery),
                new Method("getFile", BotApi::getFile));
        methods = all.stream().collect(Collectors.toUnmodifiableMap(
                m -> m.name().toLowerCase(Locale.ROOT), m -> m));
    }

    /** The canonical names of every method served, e.g. {@code sendMessage}. */
    Set<String> methodNames() {
        return methods.values().stream().map(Method::name).collect(Collectors.toUnmodifiableSet());
    }

    private Method method(String name) {
        return methods.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Runs one call as Telegram would answer it, injected server errors included, and records it in the bot's
     * call log. {@code params} is null when the request could not be read; {@code readFailure} then says why.
     */
    ApiOutcome call(BotState bot, String methodName, ApiParams params, ApiException readFailure) {
        Method method = method(methodName);
        Instant arrival = clock.instant();
        ApiOutcome outcome;
        try {
            if (readFailure != null) {
                throw readFailure;
            }
            double serverErrorRate = bot.faults().serverErrorRate();
            if (serverErrorRate > 0 && ThreadLocalRandom.current().nextDouble() < serverErrorRate) {
                throw ApiException.serverError(ThreadLocalRandom.current().nextBoolean() ? 500 : 502);
            }
            if (method == null) {
                throw ApiException.notFound();
            }
            outcome = ApiOutcome.ok(method.implementation().apply(bot, params), method.send());
        } catch (ApiException e) {
            outcome = ApiOutcome.error(e);
        }
        bot.recordCall(new ApiCall(method == null ? methodName : method.name(), arrival, outcome.status()));
        return outcome;
    }

    static ObjectNode webhookInfo(WebhookState state) {
        ObjectNode info = Json.object()
                .put("url", state.url())
                .put("has_custom_certificate", state.hasCustomCertificate())
                .put("pending_update_count", state.pendingUpdateCount());
        if (state.lastErrorDate() != null) {
            info.put("last_error_date", state.lastErrorDate().getEpochSecond());
            info.put("last_error_message", state.lastErrorMessage());
        }
        if (!state.url().isEmpty()) {
            info.put("max_connections", state.maxConnections());
        }
        if (!state.allowedUpdates().isEmpty()) {
            ArrayNode allowed = info.putArray("allowed_updates");
            state.allowedUpdates().forEach(allowed::add);
        }
        return info;
    }

    private static JsonNode getMe(BotState bot) {
        return bot.userJson()
                .put("can_join_groups", true)
                .put("can_read_all_group_messages", false)
                .put("supports_inline_queries", false)
                .put("can_connect_to_business", false)
                .put("has_main_web_app", false);
    }

    private static JsonNode setWebhook(BotState bot, ApiParams params) {
        String url = params.string("url");
        if (url == null || url.isEmpty()) {
            bot.updates().deleteWebhook(params.bool("drop_pending_updates"));
            return BooleanNode.TRUE;
        }
        requireWebhookUrl(url);
        String secretToken = params.string("secret_token");
        if (secretToken != null && !SECRET_TOKEN.matcher(secretToken).matches()) {
            throw ApiException.badRequest("secret token contains unallowed characters");
        }
        Integer maxConnections = params.integer("max_connections");
        if (maxConnections != null && (maxConnections < 1 || maxConnections > 100)) {
            throw ApiException.badRequest("bad webhook: max_connections must be between 1 and 100");
        }
        bot.updates().setWebhook(new WebhookConfig(url, secretToken,
                        maxConnections == null ? DEFAULT_MAX_CONNECTIONS : maxConnections, allowedUpdates(params)),
                params.bool("drop_pending_updates"));
        return BooleanNode.TRUE;
    }

    /** Telegram demands HTTPS; the emulator also accepts HTTP so that loopback webhooks work without TLS. */
    private static void requireWebhookUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException invalid) {
            // reported below like any other unusable URL
        }
        throw ApiException.badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    }

    private static JsonNode deleteWebhook(BotState bot, ApiParams params) {
        bot.updates().deleteWebhook(params.bool("drop_pending_updates"));
        return BooleanNode.TRUE;
    }

    private static JsonNode getUpdates(BotState bot, ApiParams params) {
        Integer offset = params.integer("offset");
        Integer limit = params.integer("limit");
        Integer timeout = params.integer("timeout");
        try {
            List<ObjectNode> updates = bot.updates().poll(
                    offset == null ? 0 : offset,
                    limit == null ? MAX_GET_UPDATES_LIMIT : Math.clamp(limit, 1, MAX_GET_UPDATES_LIMIT),
                    Duration.ofSeconds(timeout == null ? 0 : Math.max(0, timeout)),
                    allowedUpdates(params));
            ArrayNode result = Json.array();
            updates.forEach(result::add);
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.of(500, "Internal Server Error");
        }
    }

    /** Null when the request does not mention allowed_updates: Telegram then keeps the previous setting. */
    private static List<String> allowedUpdates(ApiParams params) {
        JsonNode allowed = params.json("allowed_updates");
        if (allowed == null) {
            return null;
        }
        if (!allowed.isArray()) {
            throw ApiException.badRequest("can't parse allowed_updates JSON array");
        }
        List<String> types = new ArrayList<>();
        allowed.forEach(type -> types.add(type.asText()));
        return List.copyOf(types);
    }

    private static JsonNode answerCallbackQuery(BotState bot, ApiParams params) {
        String queryId = params.string("callback_query_id");
        if (queryId == null || !bot.answerCallbackQuery(queryId)) {
            throw ApiException.badRequest("query is too old and response timeout expired or query ID is invalid");
        }
        return BooleanNode.TRUE;
    }

    private static JsonNode getFile(BotState bot, ApiParams params) {
        String fileId = params.string("file_id");
        StoredFile file = fileId == null ? null : bot.file(fileId);
        if (file == null) {
            throw ApiException.badRequest("invalid file_id");
        }
        ObjectNode result = Json.object().put("file_id", file.fileId()).put("file_unique_id", file.fileUniqueId());
        if (file.size() > 0) {
            result.put("file_size", file.size());
        }
        return result.put("file_path", file.filePath());
    }
}
