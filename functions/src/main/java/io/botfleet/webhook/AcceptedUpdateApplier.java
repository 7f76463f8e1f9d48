package io.botfleet.webhook;

import io.botfleet.ownership.Fence;
import io.botfleet.ownership.Lease;
import io.botfleet.ownership.LeaseStore;
import io.botfleet.shared.time.Timestamps;
import io.botfleet.subscribers.Subscriber;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the stream consumer does with a batch of accepted updates before they are counted. Every step is safe to
 * repeat, because a stream batch is delivered again after any failure:
 * <ul>
 * <li><b>fence</b>: an ordinary update was accepted with one write and no lease check; it is applied only if the
 *     lease (read consistently, once per bot and batch) is still the one it was accepted under. Otherwise the
 *     deployment that accepted it had lost the bot: it is not applied but parked (an admin sees it with the reason),
 *     so nothing is silently dropped. A status change was fenced in its own transaction and is only counted.</li>
 * <li><b>first contact</b>: a chat that is not a subscriber yet becomes an active one with the counters, in one
 *     transaction conditioned on its absence and on the fence: counted once however often the batch is retried. A
 *     retry finds the subscriber with this update's {@code statusUpdateId} and reports the join again (the aggregator
 *     counts an event once).</li>
 * <li><b>refresh</b>: names and the hour last seen, once per chat and batch from its latest update, and only when
 *     they differ from what is stored — most of a conversation's updates cost no write.</li>
 * </ul>
 */
public final class AcceptedUpdateApplier {
    private static final Logger log = LoggerFactory.getLogger(AcceptedUpdateApplier.class);

    /** An update to count, with its events (a first contact's join added). */
    public record Applied(AcceptedUpdate update, List<BotEvent> events) {}

    /** Each update of the batch is applied, parked (fenced) or failed (to be delivered again). */
    public record Result(List<Applied> applied, List<AcceptedUpdate> fenced, List<AcceptedUpdate> failed) {}

    private final LeaseStore leases;
    private final SubscriberRefresh subscribers;
    private final ParkedUpdates parked;
    private final Clock clock;

    public AcceptedUpdateApplier(LeaseStore leases, SubscriberRefresh subscribers, ParkedUpdates parked, Clock clock) {
        this.leases = leases;
        this.subscribers = subscribers;
        this.parked = parked;
        this.clock = clock;
    }

    public Result apply(List<AcceptedUpdate> batch) {
        List<AcceptedUpdate> fenced = new ArrayList<>();
        Set<AcceptedUpdate> failed = new LinkedHashSet<>();
        List<AcceptedUpdate> current = new ArrayList<>();
        Map<String, Optional<Lease>> leaseOf = new HashMap<>();
        for (AcceptedUpdate u : batch) {
            if (u.subscriberRecorded()) {
                current.add(u);
                continue;
            }
            Optional<Lease> lease;
            try {
                lease = leaseOf.computeIfAbsent(u.botId(), leases::get);
            } catch (RuntimeException e) {
                log.error("lease of bot {} not read", u.botId(), e);
                failed.add(u);
                continue;
            }
            if (lease.map(Lease::fence).filter(u.fence()::equals).isPresent()) {
                current.add(u);
            } else if (park(u, lease)) {
                fenced.add(u);
            } else {
                failed.add(u);
            }
        }
        Map<AcceptedUpdate, BotEvent> joins = new HashMap<>();
        Map<String, Map<String, List<AcceptedUpdate>>> byBotAndChat = new LinkedHashMap<>();
        for (AcceptedUpdate u : current) {
            if (!u.subscriberRecorded() && u.contact().isPresent()) {
                byBotAndChat.computeIfAbsent(u.botId(), b -> new LinkedHashMap<>())
                        .computeIfAbsent(u.contact().get().chatId(), c -> new ArrayList<>()).add(u);
            }
        }
        byBotAndChat.forEach((botId, chats) -> {
            Map<String, SubscriberRefresh.Seen> seen;
            try {
                seen = subscribers.read(botId, chats.keySet());
            } catch (RuntimeException e) {
                log.error("subscribers of bot {} not read", botId, e);
                chats.values().forEach(failed::addAll);
                return;
            }
            chats.forEach((chat, updates) -> {
                try {
                    updates.sort(Comparator.comparingLong(AcceptedUpdate::updateId));
                    subscriber(updates, Optional.ofNullable(seen.get(chat)), joins, fenced, failed);
                } catch (RuntimeException e) {
                    log.error("subscriber {} of bot {} not refreshed", chat, botId, e);
                    failed.addAll(updates);
                }
            });
        });
        List<Applied> applied = new ArrayList<>();
        for (AcceptedUpdate u : current) {
            if (!failed.contains(u) && !fenced.contains(u)) {
                List<BotEvent> events = new ArrayList<>();
                Optional.ofNullable(joins.get(u)).ifPresent(events::add);
                events.addAll(u.botEvents());
                applied.add(new Applied(u, events));
            }
        }
        return new Result(applied, fenced, List.copyOf(failed));
    }

    private void subscriber(List<AcceptedUpdate> updates, Optional<SubscriberRefresh.Seen> seen,
                            Map<AcceptedUpdate, BotEvent> joins, List<AcceptedUpdate> fenced, Set<AcceptedUpdate> failed) {
        AcceptedUpdate first = updates.getFirst();
        AcceptedUpdate latest = updates.getLast();
        UpdateLedger.Contact contact = latest.contact().orElseThrow();
        if (seen.isEmpty()) {
            switch (subscribers.join(first.fence(), first.updateId(), first.contact().orElseThrow(), first.at(), Optional.empty())) {
                case JOINED -> {
                    joins.put(first, joined(first));
                    seen = Optional.of(new SubscriberRefresh.Seen(first.contact().orElseThrow(), Timestamps.isoHour(first.at()),
                            Subscriber.ACTIVE, OptionalLong.of(first.updateId()), ""));
                }
                case EXISTS -> {
                    // created meanwhile (a /start), which counted the join; what it stored is not known here
                    subscribers.refresh(latest.botId(), contact, latest.at());
                    return;
                }
                case FENCED -> {
                    // the lease moved since it was read for this batch: none of the chat's updates may be applied
                    for (AcceptedUpdate u : updates) {
                        if (park(u, Optional.empty())) {
                            fenced.add(u);
                        } else {
                            failed.add(u);
                        }
                    }
                    return;
                }
            }
        }
        SubscriberRefresh.Seen s = seen.get();
        OptionalLong statusUpdate = s.statusUpdateId();
        // a retry of a batch whose first attempt joined the chat: report the join again
        updates.stream().filter(u -> statusUpdate.isPresent() && statusUpdate.getAsLong() == u.updateId()
                        && Subscriber.ACTIVE.equals(s.status()) && (s.previousStatus() == null || s.previousStatus().isEmpty()))
                .findFirst().ifPresent(u -> joins.put(u, joined(u)));
        String hour = Timestamps.isoHour(latest.at());
        boolean newer = s.lastSeenHour() == null || hour.compareTo(s.lastSeenHour()) > 0;
        if (newer || !sameNames(s.contact(), contact)) {
            subscribers.refresh(latest.botId(), contact, latest.at());
        }
    }

    private static boolean sameNames(UpdateLedger.Contact stored, UpdateLedger.Contact now) {
        return Objects.equals(stored.chatType(), now.chatType()) && Objects.equals(stored.firstName(), now.firstName())
                && (empty(now.username()) || Objects.equals(stored.username(), now.username()))
                && (empty(now.language()) || Objects.equals(stored.language(), now.language()));
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    private static BotEvent joined(AcceptedUpdate u) {
        Map<String, String> attributes = new LinkedHashMap<>();
        u.contact().map(UpdateLedger.Contact::language).filter(l -> !l.isEmpty()).ifPresent(l -> attributes.put("language", l));
        return BotEvent.of("subscriber.joined", u.botId(), u.chatId(), Timestamps.iso(u.at()), u.updateId(), attributes);
    }

    /** Keeps a fenced update for an admin, as the webhook keeps one it could not process; false if that failed. */
    private boolean park(AcceptedUpdate u, Optional<Lease> lease) {
        Fence f = u.fence();
        String now = lease.map(l -> "epoch " + l.epoch() + " of " + (l.ownerId().isEmpty() ? "nobody" : l.ownerId()))
                .orElse("another epoch");
        String reason = "fenced: accepted under epoch " + f.epoch() + " of " + f.ownerId() + ", the lease is now at " + now;
        String raw = "accepted update " + u.updateId() + " of chat " + u.chatId() + ": "
                + u.events().stream().map(AcceptedUpdate.Event::type).toList();
        try {
            parked.park(ParkedUpdates.ParkedUpdate.of(u.botId(), OptionalLong.of(u.updateId()), clock.instant(), 1, reason,
                    raw.getBytes(StandardCharsets.UTF_8)));
            log.warn("update {} of bot {} not applied: {}", u.updateId(), u.botId(), reason);
            return true;
        } catch (RuntimeException e) {
            log.error("fenced update {} of bot {} not parked", u.updateId(), u.botId(), e);
            return false;
        }
    }
}
