package io.botfleet.webhook;

import io.botfleet.bots.WebhookSecrets;
import io.botfleet.clicks.ClickCodes;
import io.botfleet.clicks.ClickLedger;
import io.botfleet.clicks.ClickTarget;
import io.botfleet.shared.time.Timestamps;
import io.botfleet.subscribers.Subscriber;
import io.botfleet.webhook.WebhookOutcome.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The webhook's logic: verify, record (the record is the dedupe and carries the events), reply. Only what must be
 * synchronous happens here: a status change is committed with its record, an ordinary update's subscriber refresh and
 * all counting follow from the record's stream (the stream consumer); the reply
 * (to /start, /stop, button presses) goes back as the webhook response, so no Bot API call is made. Every failure
 * after the bot is known ends as {@link Verdict#ACCEPTED} (parked) unless it may pass: Telegram redelivers anything
 * else, in order, so an update that cannot be processed would hold up all of the bot's later ones.
 */
public final class WebhookService {
    private static final Logger log = LoggerFactory.getLogger(WebhookService.class);
    static final Duration CONFIG_TTL = Duration.ofSeconds(30);
    static final Duration UNKNOWN_TTL = Duration.ofSeconds(5);
    static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(1);
    /**
     * Deliveries of one update that may fail before it is parked. Telegram retries with growing pauses, so a passing
     * outage (a throttled table, a queue hiccup) gets a few chances, while an update that can never succeed holds up
     * the bot's later updates for seconds, not forever.
     */
    static final int MAX_ATTEMPTS = 3;

    private record Cached(Optional<BotConfig> config, Instant loadedAt) {}

    private final UpdateReader reader;
    private final BotConfigSource configs;
    private final WebhookSecrets secrets;
    private final UpdateLedger ledger;
    private final ParkedUpdates parked;
    private final ClickCodes clickCodes;
    private final ClickLedger clicks;
    private final String instanceId;
    private final boolean sourceCheck;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public WebhookService(UpdateReader reader, BotConfigSource configs, WebhookSecrets secrets, UpdateLedger ledger, ParkedUpdates parked, ClickCodes clickCodes, ClickLedger clicks, String instanceId,
                          boolean sourceCheck, Clock clock) {
        this.clickCodes = clickCodes;
        this.clicks = clicks;
        this.reader = reader;
        this.configs = configs;
        this.secrets = secrets;
        this.ledger = ledger;
        this.parked = parked;
        this.instanceId = instanceId;
        this.sourceCheck = sourceCheck;
        this.clock = clock;
    }

    public WebhookOutcome handle(String botId, String secretHeader, String sourceIp, byte[] body) {
        if (sourceCheck && !TelegramNetworks.contains(sourceIp)) {
            return WebhookOutcome.refused(Verdict.NOT_FROM_TELEGRAM);
        }
        if (botId == null || !botId.matches("\\d{1,20}")) {
            return WebhookOutcome.refused(Verdict.UNKNOWN_BOT);
        }
        Optional<BotConfig> config = config(botId, false);
        if (config.isEmpty()) {
            return WebhookOutcome.refused(Verdict.UNKNOWN_BOT);
        }
        if (!secretMatches(config.get(), secretHeader)) {
            // the epoch may have moved (fail-over to this instance): look again, at most once a second per bot
            config = config(botId, true);
            if (config.isEmpty() || !secretMatches(config.get(), secretHeader)) {
                return WebhookOutcome.refused(Verdict.SECRET_MISMATCH);
            }
        }
        BotConfig bot = config.get();
        if (!bot.ownerId().equals(instanceId)) {
            cache.remove(botId);
            return WebhookOutcome.refused(Verdict.NOT_OWNER);
        }
        // from here on every answer is 2xx unless the failure may pass: Telegram retries anything else, in order, so an
        // update that cannot be processed would hold up all of the bot's later ones
        return switch (reader.read(body)) {
            case TelegramUpdate.Refused r -> park(bot, r.updateId(), 1, r.reason(), body);
            case TelegramUpdate.Valid v -> process(bot, v.update(), body);
        };
    }

    private WebhookOutcome process(BotConfig bot, TelegramUpdate u, byte[] body) {
        MDC.put("update_id", Long.toString(u.updateId()));
        Instant now = clock.instant();
        UpdateLedger.Outcome outcome;
        try {
            outcome = ledger.record(new UpdateLedger.UpdateRecord(bot.botId(), u.updateId(), bot.fence(), u.contact(),
                    u.newStatus(), u.startPayload(), now, u.chatId()), planned -> events(bot.botId(), u, planned, now));
        } catch (RuntimeException e) {
            log.error("update {} of bot {} not recorded", u.updateId(), bot.botId(), e);
            return failed(bot, u, body, "recording", e);
        }
        switch (outcome.result()) {
            case DUPLICATE -> {
                log.info("duplicate update {} of bot {}", u.updateId(), bot.botId());
                return WebhookOutcome.accepted();
            }
            case FENCED -> {
                cache.remove(bot.botId());
                log.warn("update {} of bot {} fenced out: epoch {} is stale", u.updateId(), bot.botId(), bot.epoch());
                return WebhookOutcome.refused(Verdict.OWNERSHIP_MOVED);
            }
            case DONE -> { }
        }
        Optional<ClickTarget> adClick = adClick(u);
        if (adClick.isPresent()) {
            try {
                // a press on an ad's callback button is a click of that ad, counted once per update (dedupe above)
                clicks.record(adClick.get(), now);
            } catch (RuntimeException e) {
                log.error("click of update {} of bot {} not counted", u.updateId(), bot.botId(), e);
                try {
                    ledger.forget(bot.botId(), u.updateId());
                } catch (RuntimeException again) {
                    log.error("dedupe record of update {} of bot {} not removed", u.updateId(), bot.botId(), again);
                }
                return failed(bot, u, body, "counting its click", e);
            }
        }
        return WebhookOutcome.recorded(reply(bot, u));
    }

    /**
     * The ad button a callback query pressed: its data is a click code this platform signed for the chat it came from
     * (a message forwarded elsewhere does not count for another chat).
     */
    private Optional<ClickTarget> adClick(TelegramUpdate u) {
        return u.callbackData().flatMap(clickCodes::fromCallbackData).filter(t -> Long.toString(t.chatId()).equals(u.chatId()));
    }

    /** Telegram delivers it again, until the update has failed {@link #MAX_ATTEMPTS} times; then it is parked. */
    private WebhookOutcome failed(BotConfig bot, TelegramUpdate u, byte[] body, String step, RuntimeException cause) {
        int attempts;
        try {
            attempts = ledger.failedAttempt(bot.botId(), u.updateId(), clock.instant());
        } catch (RuntimeException e) {
            log.error("failed attempt of update {} of bot {} not counted", u.updateId(), bot.botId(), e);
            return WebhookOutcome.refused(Verdict.RETRY);
        }
        if (attempts < MAX_ATTEMPTS) {
            log.warn("update {} of bot {} failed (attempt {}); Telegram will retry", u.updateId(), bot.botId(), attempts);
            return WebhookOutcome.refused(Verdict.RETRY);
        }
        return park(bot, OptionalLong.of(u.updateId()), attempts,
                step + " failed " + attempts + " times, last: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), body);
    }

    private WebhookOutcome park(BotConfig bot, OptionalLong updateId, int attempts, String reason, byte[] body) {
        try {
            parked.park(ParkedUpdates.ParkedUpdate.of(bot.botId(), updateId, clock.instant(), attempts, reason, body));
        } catch (RuntimeException e) {
            log.error("update {} of bot {} not parked", updateId, bot.botId(), e);
            return WebhookOutcome.refused(Verdict.RETRY);
        }
        log.warn("update {} of bot {} parked after {} attempt(s): {}", updateId, bot.botId(), attempts,
                TelegramText.clean(reason, ParkedUpdates.REASON_MAX));
        return WebhookOutcome.accepted();
    }

    private static List<BotEvent> events(String botId, TelegramUpdate u, UpdateLedger.Outcome outcome, Instant now) {
        String at = Timestamps.iso(now);
        List<BotEvent> out = new ArrayList<>();
        if (outcome.statusChanged()) {
            String type = switch (outcome.status()) {
                case Subscriber.ACTIVE -> outcome.previousStatus().filter(Subscriber.BLOCKED::equals).isPresent()
                        ? "subscriber.unblocked" : "subscriber.joined";
                case Subscriber.BLOCKED -> "subscriber.blocked";
                default -> "subscriber.left";
            };
            Map<String, String> attrs = new LinkedHashMap<>();
            u.startPayload().filter(p -> type.equals("subscriber.joined")).ifPresent(p -> attrs.put("source", p));
            u.contact().map(UpdateLedger.Contact::language).filter(l -> !l.isEmpty()).ifPresent(l -> attrs.put("language", l));
            out.add(BotEvent.of(type, botId, u.chatId(), at, u.updateId(), attrs));
        }
        if (u.kind().equals("message")) {
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("content", u.contentType());
            u.command().ifPresent(c -> attrs.put("command", c));
            out.add(BotEvent.of("message.received", botId, u.chatId(), at, u.updateId(), attrs));
        } else if (u.kind().equals("callback_query")) {
            Map<String, String> attrs = new LinkedHashMap<>();
            u.callbackData().ifPresent(d -> attrs.put("data", d));
            out.add(BotEvent.of("button.pressed", botId, u.chatId(), at, u.updateId(), attrs));
        }
        return out;
    }

    private static Optional<BotReply> reply(BotConfig bot, TelegramUpdate u) {
        if (u.callbackQueryId().isPresent()) {
            return Optional.of(new BotReply.AnswerCallback(u.callbackQueryId().get()));
        }
        String text = u.command().map(c -> switch (c) {
            case "start" -> bot.replies().start();
            case "stop" -> bot.replies().stop();
            default -> "";
        }).orElse("");
        return text.isEmpty() ? Optional.empty() : Optional.of(new BotReply.SendText(Long.parseLong(u.chatId()), text));
    }

    /**
     * Against the stored hash of the epoch's secret when there is one (no platform key needed), else against the
     * secret derived from the key: the moment between an epoch's move and the owner storing its hash.
     */
    private boolean secretMatches(BotConfig config, String secretHeader) {
        return config.secretHash().isPresent()
                ? WebhookSecrets.matchesHash(config.secretHash().get(), secretHeader)
                : secrets.verify(config.botId(), config.epoch(), secretHeader);
    }

    private Optional<BotConfig> config(String botId, boolean refresh) {
        Instant now = clock.instant();
        Cached cached = cache.get(botId);
        if (cached != null) {
            Duration age = Duration.between(cached.loadedAt(), now);
            Duration ttl = cached.config().isPresent() ? CONFIG_TTL : UNKNOWN_TTL;
            boolean fresh = age.compareTo(ttl) < 0;
            if (fresh && (!refresh || age.compareTo(MIN_RELOAD_INTERVAL) < 0)) {
                return cached.config();
            }
        }
        Optional<BotConfig> loaded = configs.load(botId);
        cache.put(botId, new Cached(loaded, now));
        return loaded;
    }
}
