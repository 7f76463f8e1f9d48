package io.botfleet.bots;

import io.botfleet.ownership.BotOwnership;
import io.botfleet.ownership.Lease;
import io.botfleet.ownership.LeaseStore;
import io.botfleet.shared.paging.Page;
import io.botfleet.telegram.BotAdminApi;
import io.botfleet.telegram.BotToken;
import io.botfleet.telegram.TelegramApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One beat of the ownership worker (EventBridge rate(1 minute) on AWS, a timer in the local runner), for every
 * registered bot: renew the leases this instance holds; claim leases that expired (fail-over: re-point the webhook
 * here, with the new epoch's secret, so the previous owner's secret stops verifying); then, for owned bots, read
 * getWebhookInfo, record health, and reconcile a webhook changed elsewhere (restore it, or mark the bot detached and
 * alert, as the bot's {@code webhookPolicy} says).
 */
public final class BotHeartbeat {
    private static final Logger log = LoggerFactory.getLogger(BotHeartbeat.class);

    /** Where figures go (Powertools EMF metrics on Lambda). */
    @FunctionalInterface
    public interface Metrics {
        void record(String name, double value, String botId);

        Metrics NONE = (name, value, botId) -> { };
    }

    /** What one beat did, per outcome: bot ids. */
    public record Report(String instanceId, List<String> renewed, List<String> claimed, List<String> lost,
                         List<String> standby, List<String> restored, List<String> detached, List<String> failed) {
        static Report empty(String instanceId) {
            return new Report(instanceId, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    private final BotRegistry registry;
    private final BotOwnership ownership;
    private final BotAdminApi telegram;
    private final Metrics metrics;

    public BotHeartbeat(BotRegistry registry, BotOwnership ownership, BotAdminApi telegram, Metrics metrics) {
        this.registry = registry;
        this.ownership = ownership;
        this.telegram = telegram;
        this.metrics = metrics;
    }

    public Report beat() {
        Report report = Report.empty(ownership.instanceId());
        Optional<Map<String, String>> start = Optional.empty();
        do {
            Page<Bot> page = registry.list(start, 100);
            for (Bot bot : page.items()) {
                try {
                    beat(bot, report);
                } catch (RuntimeException e) {
                    report.failed().add(bot.botId());
                    log.error("heartbeat of bot {} failed", bot.botId(), e);
                }
            }
            start = page.lastKey();
        } while (start.isPresent());
        return report;
    }

    private void beat(Bot bot, Report report) {
        if (bot.status().equals("disabled")) {
            return;
        }
        String me = ownership.instanceId();
        Optional<Lease> current = ownership.current(bot.botId());
        Lease lease;
        boolean claimed = false;
        if (current.isPresent() && current.get().ownerId().equals(me) && !current.get().expired(registry.now())) {
            Optional<Lease> renewed = ownership.renew(current.get());
            if (renewed.isEmpty()) {
                report.lost().add(bot.botId());
                log.warn("lease of bot {} lost to another instance", bot.botId());
                return;
            }
            lease = renewed.get();
            report.renewed().add(bot.botId());
        } else if (current.isEmpty() || current.get().expired(registry.now())) {
            Optional<Lease> won = ownership.claim(bot.botId());
            if (won.isEmpty()) {
                report.standby().add(bot.botId());
                return;
            }
            lease = won.get();
            claimed = true;
            report.claimed().add(bot.botId());
            log.warn("claimed bot {} (epoch {}, previous owner {})", bot.botId(), lease.epoch(),
                    current.map(Lease::ownerId).filter(o -> !o.isEmpty()).orElse("none"));
            metrics.record("LeaseClaimed", 1, bot.botId());
        } else {
            report.standby().add(bot.botId());
            return;
        }
        BotToken token = registry.token(bot);
        String expected = registry.webhookUrl(bot.botId(), Optional.empty());
        String action = "none";
        try {
            if (claimed) {
                registry.pointWebhook(bot.botId(), token, lease, Optional.empty());
                action = "claimed";
            }
            BotAdminApi.WebhookInfo info = telegram.getWebhookInfo(token);
            boolean mismatch = !info.url().equals(expected);
            if (mismatch && !claimed) {
                if (bot.webhookPolicy().equals("leave")) {
                    if (!bot.webhookState().equals("detached")) {
                        registry.store().setWebhookState(bot.botId(), "detached", lease.fence());
                    }
                    action = "detached";
                    report.detached().add(bot.botId());
                    log.warn("ALERT bot {}: webhook changed elsewhere (now '{}'); left alone and marked detached", bot.botId(), info.url());
                    metrics.record("WebhookDetached", 1, bot.botId());
                } else {
                    registry.pointWebhook(bot.botId(), token, lease, Optional.empty());
                    action = "restored";
                    report.restored().add(bot.botId());
                    log.warn("bot {}: webhook changed elsewhere (was '{}'); restored", bot.botId(), info.url());
                    metrics.record("WebhookRestored", 1, bot.botId());
                }
            } else if (!mismatch && !bot.webhookState().equals("attached")) {
                registry.store().setWebhookState(bot.botId(), "attached", lease.fence());
            }
            registry.store().putWebhookHealth(new WebhookHealth(bot.botId(), info.url(), expected, mismatch && !action.equals("restored"),
                    info.pendingUpdateCount(), info.lastErrorDate(), info.lastErrorMessage(), info.maxConnections(),
                    lease.ownerId(), lease.epoch(), action, registry.now()), lease.fence());
            metrics.record("PendingUpdates", info.pendingUpdateCount(), bot.botId());
        } catch (LeaseStore.FencedOut e) {
            report.lost().add(bot.botId());
            log.warn("bot {}: fenced out during heartbeat", bot.botId());
        } catch (TelegramApiException e) {
            report.failed().add(bot.botId());
            log.warn("bot {}: Telegram {} during heartbeat", bot.botId(), e.getMessage());
            metrics.record("TelegramErrors", 1, bot.botId());
        }
    }
}
