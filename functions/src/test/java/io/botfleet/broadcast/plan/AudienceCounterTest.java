package io.botfleet.broadcast.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.broadcast.InMemoryBroadcast;
import io.botfleet.broadcast.campaign.AudienceFilter;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AudienceCounterTest {
    static final Instant JOINED = Instant.parse("2026-11-01T10:00:00.000Z");
    final InMemoryBroadcast world = new InMemoryBroadcast();

    AudienceCounter counter(int maxPages) {
        return new AudienceCounter(world.audience, botId -> 12_345, maxPages);
    }

    int added;

    void subscribers(int count, String language) {
        for (int i = 0; i < count; i++) {
            world.subscriber(++added, JOINED, language, Set.of(), "");
        }
    }

    @Test
    void everyoneActiveComesFromTheBotsCounterWithoutReadingTheAudience() {
        subscribers(3, "en");

        assertThat(counter(1).count(InMemoryBroadcast.BOT, AudienceFilter.ALL)).isEqualTo(new AudienceCounter.Count(12_345, true));
    }

    @Test
    void aFilteredAudienceIsCountedAcrossPages() {
        subscribers(1_500, "en");
        subscribers(700, "de");
        AudienceFilter german = new AudienceFilter(List.of(), List.of("de"), List.of(), null, null, null);

        assertThat(counter(10).count(InMemoryBroadcast.BOT, german)).isEqualTo(new AudienceCounter.Count(700, true));
    }

    @Test
    void pastItsBoundTheCountIsALowerBound() {
        subscribers(2_500, "de");
        AudienceFilter german = new AudienceFilter(List.of(), List.of("de"), List.of(), null, null, null);

        AudienceCounter.Count count = counter(2).count(InMemoryBroadcast.BOT, german);

        assertThat(count.exact()).isFalse();
        assertThat(count.recipients()).isEqualTo(2 * AudienceCounter.PAGE);
    }
}
