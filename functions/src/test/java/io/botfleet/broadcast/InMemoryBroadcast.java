package io.botfleet.broadcast;

import io.botfleet.broadcast.campaign.AudienceFilter;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignLifecycle;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.InMemoryCampaignStore;
import io.botfleet.broadcast.content.MessageContent;
import io.botfleet.broadcast.content.ParseMode;
import io.botfleet.broadcast.plan.InMemoryAudiencePager;
import io.botfleet.broadcast.plan.InMemoryCampaignStarts;
import io.botfleet.broadcast.plan.InMemorySendQueue;
import io.botfleet.broadcast.send.BotSendProfile;
import io.botfleet.broadcast.send.BotSendProfiles;
import io.botfleet.broadcast.campaign.DeliveryPolicy;
import io.botfleet.broadcast.send.InMemoryBotFlags;
import io.botfleet.broadcast.send.InMemoryDeliveryLedger;
import io.botfleet.broadcast.send.InMemorySubscriberStates;
import io.botfleet.shared.ids.Ulid;
import io.botfleet.shared.time.TestClock;
import io.botfleet.subscribers.InMemorySubscriberStore;
import io.botfleet.subscribers.Subscriber;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broadcast capability's ports in memory, wired to each other as the tables are (the ledger's counted saves move
 * the campaigns' counters; refusals change the audience), on a clock that moves when told.
 */
public final class InMemoryBroadcast {
    public static final String BOT = "4242";

    public final TestClock clock = new TestClock("2026-11-30T09:00:00Z");
    public final InMemoryCampaignStore campaigns = new InMemoryCampaignStore();
    public final CampaignLifecycle lifecycle = new CampaignLifecycle(campaigns, clock);
    public final InMemoryCampaignStarts starts = new InMemoryCampaignStarts();
    public final InMemorySendQueue queue = new InMemorySendQueue(clock);
    public final InMemorySubscriberStore subscribers = new InMemorySubscriberStore();
    public final InMemoryAudiencePager audience = new InMemoryAudiencePager(subscribers);
    public final InMemoryDeliveryLedger ledger = new InMemoryDeliveryLedger(campaigns);
    public final InMemorySubscriberStates subscriberStates = new InMemorySubscriberStates(subscribers, clock);
    public final InMemoryBotFlags botFlags = new InMemoryBotFlags();
    private final Map<String, BotSendProfile> profiles = new ConcurrentHashMap<>();
    public final BotSendProfiles bots = botId -> Optional.ofNullable(profiles.get(botId));

    public InMemoryBroadcast() {
        addBot(new BotSendProfile(BOT, BOT + ":AAE-test-token-of-thirty-five-chars", 30, 0));
    }

    public void addBot(BotSendProfile profile) {
        profiles.put(profile.botId(), profile);
    }

    /** A campaign of {@link #BOT} to everyone, stored in {@code status}, one minute after the previous one. */
    public Campaign campaign(CampaignStatus status, DeliveryPolicy policy, boolean paid) {
        clock.advance(Duration.ofMinutes(1));
        Instant now = clock.instant();
        Campaign c = new Campaign(Ulid.next(now), BOT, "News", MessageContent.text("Hello", ParseMode.NONE),
                AudienceFilter.ALL, paid, policy, status, 1, now, "user-1", status.editable() ? null : now, null, null);
        campaigns.create(c);
        return c;
    }

    public Campaign campaign(CampaignStatus status) {
        return campaign(status, DeliveryPolicy.AT_MOST_ONCE, false);
    }

    public Campaign current(Campaign c) {
        return campaigns.get(c.id()).orElseThrow();
    }

    /** An active subscriber of {@link #BOT}, joined and last seen at {@code joinedAt}. */
    public Subscriber subscriber(long chatId, Instant joinedAt, String language, Set<String> tags, String source) {
        Subscriber s = new Subscriber(BOT, Long.toString(chatId), Subscriber.ACTIVE, "private", "User " + chatId, null,
                language, tags, source, joinedAt, Optional.of(joinedAt), Optional.empty());
        subscribers.add(s);
        return s;
    }
}
