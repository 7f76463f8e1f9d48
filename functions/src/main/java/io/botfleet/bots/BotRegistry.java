package io.botfleet.bots;

import io.botfleet.ownership.BotOwnership;
import io.botfleet.ownership.Lease;
import io.botfleet.shared.errors.Refusal;
import io.botfleet.shared.paging.Page;
import io.botfleet.telegram.BotAdminApi;
import io.botfleet.telegram.BotToken;
import io.botfleet.telegram.TelegramApiException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registering and managing bots: validates tokens with Telegram, stores them encrypted, claims ownership and points
 * the webhook at this deployment. The one place that decrypts tokens ({@link #token}, {@link #sendingProfile}).
 */
public final class BotRegistry {
    private static final Logger log = LoggerFactory.getLogger(BotRegistry.class);
    public static final int MAX_CONNECTIONS = 40;

    /** Removes a bot's subscriber data when the caller asks for a purge. */
    @FunctionalInterface
    public interface DataPurge {
        void purge(String botId);
    }

    /** Changes a PATCH may make; empty fields stay as they are. */
    public record Changes(Optional<String> displayName, Optional<Integer> sendRatePerSec, Optional<Boolean> paidBroadcast,
                          Optional<String> replyStart, Optional<String> replyStop, Optional<String> webhookPolicy,
                          Optional<String> status) {}

    private final BotStore store;
    private final BotAdminApi telegram;
    private final TokenCipher cipher;
    private final WebhookSecrets secrets;
    private final BotOwnership ownership;
    private final Optional<URI> webhookBaseUrl;
    private final DataPurge purge;
    private final Clock clock;

    public BotRegistry(BotStore store, BotAdminApi telegram, TokenCipher cipher, WebhookSecrets secrets,
                       BotOwnership ownership, Optional<URI> webhookBaseUrl, DataPurge purge, Clock clock) {
        this.store = store;
        this.telegram = telegram;
        this.cipher = cipher;
        this.secrets = secrets;
        this.ownership = ownership;
        this.webhookBaseUrl = webhookBaseUrl;
        this.purge = purge;
        this.clock = clock;
    }

    public BotStore store() {
        return store;
    }

    /** Webhook secrets of this deployment (derived from the platform secret, bound to bot id and epoch). */
    public WebhookSecrets webhookSecrets() {
        return secrets;
    }

    /**
     * The webhook URL of this deployment for a bot: {@code <WEBHOOK_BASE_URL>/<botId>}, the base being the webhook
     * function's URL followed by {@code telegram} (template.yaml).
     */
    public String webhookUrl(String botId) {
        String base = webhookBaseUrl.orElseThrow(() -> new IllegalStateException("WEBHOOK_BASE_URL is not set")).toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + botId;
    }

    public Bot register(String rawToken, String createdBy) {
        BotToken token = parse(rawToken);
        BotAdminApi.BotIdentity me = getMe(token);
        if (!me.id().equals(token.botId())) {
            throw tokenInvalid();
        }
        Bot bot = new Bot(me.id(), me.username(), me.firstName(), cipher.encrypt(me.id(), token), token.masked(), "active",
                Bot.DEFAULT_SEND_RATE, false, Bot.Replies.DEFAULTS, "restore", "unknown", Bot.ALLOWED_UPDATES,
                clock.instant(), createdBy, 1);
        if (!store.create(bot)) {
            throw Refusal.conflict("BOT_ALREADY_REGISTERED", "Bot @" + me.username() + " is already registered");
        }
        try {
            Lease lease = ownership.held(bot.botId()).or(() -> ownership.claim(bot.botId()))
                    .orElseThrow(() -> Refusal.conflict("BOT_OWNED_ELSEWHERE",
                            "Another deployment holds this bot's lease; try again after it expires"));
            pointWebhook(bot.botId(), token, lease);
            log.info("registered bot {} (@{}) token {} epoch {}", bot.botId(), bot.username(), token.masked(), lease.epoch());
            // recording the webhook attached made the stored bot its second version
            return bot.withWebhookState("attached").withVersion(bot.version() + 1);
        } catch (RuntimeException e) {
            // nothing half-registered: a retry starts from scratch
            store.delete(bot.botId());
            ownership.held(bot.botId()).ifPresent(ownership::release);
            throw e;
        }
    }

    /** Sets the webhook to this deployment with the secret of {@code lease}'s epoch and records it as attached. */
    public void pointWebhook(String botId, BotToken token, Lease lease) {
        try {
            telegram.setWebhook(token, new BotAdminApi.WebhookSpec(webhookUrl(botId), secrets.secretFor(botId, lease.epoch()),
                    MAX_CONNECTIONS, Bot.ALLOWED_UPDATES, false));
        } catch (TelegramApiException e) {
            throw telegramFailure("setWebhook", e);
        }
        store.attachWebhook(botId, secrets.hashFor(botId, lease.epoch()), lease.fence());
    }

    public Optional<Bot> get(String botId) {
        return store.get(botId);
    }

    public Bot require(String botId) {
        return store.get(botId).orElseThrow(() -> Refusal.notFound("BOT_NOT_FOUND", "No bot " + botId));
    }

    public Page<Bot> list(Optional<Map<String, String>> startKey, int limit) {
        return store.list(startKey, limit);
    }

    public Bot change(String botId, Changes c, Optional<Long> expectedVersion) {
        Bot current = require(botId);
        long version = expectedVersion.orElse(current.version());
        if (version != current.version()) {
            throw versionConflict();
        }
        boolean paid = c.paidBroadcast().orElse(current.paidBroadcast());
        int rate = c.sendRatePerSec().orElse(current.sendRatePerSec());
        if (rate < 1 || rate > (paid ? Bot.MAX_PAID_SEND_RATE : Bot.MAX_FREE_SEND_RATE)) {
            throw Refusal.invalidFields(List.of(new Refusal.FieldError("sendRatePerSec", "OUT_OF_RANGE",
                    "must be 1-" + Bot.MAX_FREE_SEND_RATE + " (1-" + Bot.MAX_PAID_SEND_RATE + " with paid broadcasts)")));
        }
        Bot next = new Bot(current.botId(), current.username(), c.displayName().orElse(current.displayName()),
                current.tokenCipher(), current.tokenMask(), c.status().orElse(current.status()), rate, paid,
                new Bot.Replies(c.replyStart().orElse(current.replies().start()), c.replyStop().orElse(current.replies().stop())),
                c.webhookPolicy().orElse(current.webhookPolicy()), current.webhookState(), current.allowedUpdates(),
                current.createdAt(), current.createdBy(), current.version(), current.tokenRevokedAt());
        try {
            return store.update(next, version);
        } catch (BotStore.VersionConflict e) {
            throw versionConflict();
        }
    }

    /** Replaces the stored token with a new one of the same bot (after a revoke in BotFather). */
    public Bot rotateToken(String botId, String rawToken) {
        Bot current = require(botId);
        BotToken token = parse(rawToken);
        if (!token.botId().equals(botId)) {
            throw Refusal.invalid("TOKEN_OF_ANOTHER_BOT",
                    "The token belongs to bot " + token.botId() + ", not to " + botId);
        }
        BotAdminApi.BotIdentity me = getMe(token);
        if (!me.id().equals(botId)) {
            throw tokenInvalid();
        }
        try {
            Bot rotated = store.update(current.withToken(cipher.encrypt(botId, token), token.masked()), current.version());
            log.info("rotated token of bot {} to {}", botId, token.masked());
            return rotated;
        } catch (BotStore.VersionConflict e) {
            throw versionConflict();
        }
    }

    /**
     * A sender found the token refused (401): the bot is flagged until its token is replaced. A token replaced
     * meanwhile (the mask no longer matches) is left unflagged.
     */
    public void tokenRevoked(String botId, String tokenMask) {
        if (store.flagTokenRevoked(botId, tokenMask, clock.instant())) {
            log.warn("bot {} token {} was refused by Telegram (revoked); its campaigns pause until it is replaced", botId, tokenMask);
        }
    }

    /** Deletes the webhook at Telegram, releases ownership and removes the bot; subscribers too if {@code purgeData}. */
    public void delete(String botId, boolean purgeData) {
        Bot bot = require(botId);
        // a restored bot without its token has no webhook this platform set: nothing to delete at Telegram
        if (!bot.tokenRequired()) {
            try {
                telegram.deleteWebhook(token(bot), purgeData);
            } catch (TelegramApiException e) {
                if (!e.unauthorized()) { // a revoked token cannot delete anything: go on
                    throw telegramFailure("deleteWebhook", e);
                }
            }
        }
        ownership.held(botId).ifPresent(ownership::release);
        store.delete(botId);
        if (purgeData) {
            purge.purge(botId);
        }
        log.info("deleted bot {} (purge {})", botId, purgeData);
    }

    /** The bot's token, decrypted; for the platform's own Bot API calls only, never for display. */
    public Optional<BotToken> token(String botId) {
        return store.get(botId).map(this::token);
    }

    /** Refused (409 TOKEN_REQUIRED) for a restored bot whose token was not entered again yet. */
    public BotToken token(Bot bot) {
        if (bot.tokenRequired()) {
            throw Refusal.conflict("TOKEN_REQUIRED", "Bot " + bot.botId() + " was restored from an export without its "
                    + "token: enter the token again (PUT /api/bots/" + bot.botId() + "/token)");
        }
        return cipher.decrypt(bot.botId(), bot.tokenCipher());
    }

    public Instant now() {
        return clock.instant();
    }

    private static BotToken parse(String raw) {
        return BotToken.parse(raw).orElseThrow(() -> Refusal.invalidFields(List.of(new Refusal.FieldError(
                "token", "INVALID_FORMAT", "must look like <bot id>:<secret> as BotFather shows it"))));
    }

    private BotAdminApi.BotIdentity getMe(BotToken token) {
        try {
            return telegram.getMe(token);
        } catch (TelegramApiException e) {
            if (e.unauthorized()) {
                throw tokenInvalid();
            }
            throw telegramFailure("getMe", e);
        }
    }

    private static Refusal tokenInvalid() {
        return Refusal.invalid("TELEGRAM_TOKEN_INVALID",
                "Telegram does not accept this token; copy it again from BotFather");
    }

    private static Refusal versionConflict() {
        return Refusal.staleVersion("VERSION_CONFLICT",
                "The bot was changed meanwhile; reload it and try again");
    }

    private static Refusal telegramFailure(String method, TelegramApiException e) {
        String why = e.errorCode() == 0 ? "could not be reached" : "answered " + e.errorCode() + " " + e.description();
        return Refusal.upstreamFailed("TELEGRAM_UNAVAILABLE",
                "Telegram " + why + " on " + method + "; nothing was changed, try again");
    }
}
