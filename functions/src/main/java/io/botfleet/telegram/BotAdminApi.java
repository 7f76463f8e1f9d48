package io.botfleet.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The typed Bot API calls that manage a bot (identity and webhook), on top of {@link TelegramBotApi}. Tokens go in
 * as {@link BotToken} so they cannot end up in a log line by string concatenation.
 */
public final class BotAdminApi {
    private final TelegramBotApi api;

    public BotAdminApi(TelegramBotApi api) {
        this.api = api;
    }

    public TelegramBotApi api() {
        return api;
    }

    /** What getMe tells about a bot. */
    public record BotIdentity(String id, String username, String firstName) {}

    /** What setWebhook is told. */
    public record WebhookSpec(String url, String secretToken, int maxConnections, List<String> allowedUpdates,
                              boolean dropPendingUpdates) {
        @Override
        public String toString() {
            return "WebhookSpec[url=" + url + ", maxConnections=" + maxConnections + ", allowedUpdates=" + allowedUpdates + "]";
        }
    }

    /** What getWebhookInfo reports. */
    public record WebhookInfo(String url, int pendingUpdateCount, Optional<Instant> lastErrorDate,
                              Optional<String> lastErrorMessage, int maxConnections, List<String> allowedUpdates) {}

    public BotIdentity getMe(BotToken token) {
        JsonNode me = api.call(token.reveal(), "getMe", Map.of());
        return new BotIdentity(me.path("id").asText(), me.path("username").asText(""), me.path("first_name").asText(""));
    }

    public void setWebhook(BotToken token, WebhookSpec spec) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("url", spec.url());
        params.put("secret_token", spec.secretToken());
        params.put("max_connections", spec.maxConnections());
        params.put("allowed_updates", spec.allowedUpdates());
        params.put("drop_pending_updates", spec.dropPendingUpdates());
        api.call(token.reveal(), "setWebhook", params);
    }

    public void deleteWebhook(BotToken token, boolean dropPendingUpdates) {
        api.call(token.reveal(), "deleteWebhook", Map.of("drop_pending_updates", dropPendingUpdates));
    }

    public WebhookInfo getWebhookInfo(BotToken token) {
        JsonNode info = api.call(token.reveal(), "getWebhookInfo", Map.of());
        List<String> allowed = new java.util.ArrayList<>();
        info.path("allowed_updates").forEach(n -> allowed.add(n.asText()));
        return new WebhookInfo(
                info.path("url").asText(""),
                info.path("pending_update_count").asInt(0),
                info.has("last_error_date") ? Optional.of(Instant.ofEpochSecond(info.get("last_error_date").asLong())) : Optional.empty(),
                Optional.ofNullable(info.path("last_error_message").asText(null)),
                info.path("max_connections").asInt(0),
                List.copyOf(allowed));
    }
}
