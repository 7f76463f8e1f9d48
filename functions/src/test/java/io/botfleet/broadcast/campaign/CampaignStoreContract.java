package io.botfleet.broadcast.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botfleet.broadcast.content.MessageContent;
import io.botfleet.broadcast.content.ParseMode;
import io.botfleet.shared.ids.Ulid;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conditions CampaignStore promises, checked on the DynamoDB adapter ({@code DynamoCampaignStoreIT}) and on the
 * in-memory one the service tests use ({@code InMemoryCampaignStoreTest}). Tests share one table within a class:
 * each works on bots and campaigns of its own.
 */
abstract class CampaignStoreContract {
    static final Instant T = Instant.parse("2026-11-30T09:00:00Z");

    final CampaignStore store;

    CampaignStoreContract(CampaignStore store) {
        this.store = store;
    }

    static String newBot() {
        return "bot-" + UUID.randomUUID();
    }

    static Campaign draft(String botId, Instant createdAt) {
        return new Campaign(Ulid.next(createdAt), botId, "News", MessageContent.text("Hello", ParseMode.NONE), AudienceFilter.ALL, false,
                DeliveryPolicy.AT_MOST_ONCE, CampaignStatus.DRAFT, 1, createdAt, "user-1", null, null, null);
    }

    @Test
    void aCreatedCampaignReadsBackAsItWasWrittenAndItsIdCannotBeCreatedTwice() {
        Campaign c = draft(newBot(), T);
        store.create(c);

        assertThat(store.get(c.id())).contains(c);
        assertThatThrownBy(() -> store.create(c.withStatus(CampaignStatus.RUNNING, T))).isInstanceOf(RuntimeException.class);
        assertThat(store.get(c.id())).contains(c);
        assertThat(store.get(Ulid.next(T))).isEmpty();
    }

    @Test
    void aScheduledCampaignIsDueUntilItStartsAndItsRunsAreListedUnderItNotItsBot() {
        String bot = newBot();
        Campaign series = draft(bot, T);
        store.create(series);
        Instant first = T.plus(Duration.ofHours(1));
        Campaign scheduled = series.withSchedule(new CampaignSchedule(null, "0 * * * ? *", "UTC", null, first),
                CampaignStatus.SCHEDULED);
        assertThat(store.replace(scheduled, series.version())).isTrue();
        Campaign once = draft(bot, T.plusSeconds(1));
        store.create(once);
        Campaign onceScheduled = once.withSchedule(new CampaignSchedule(java.time.LocalDateTime.parse("2026-11-30T09:30"), null,
                "UTC", null, T.plus(Duration.ofMinutes(30))), CampaignStatus.SCHEDULED);
        assertThat(store.replace(onceScheduled, once.version())).isTrue();
        assertThat(store.get(series.id())).contains(scheduled);

        List<String> dueAtFirst = store.due(first, 100).stream().map(CampaignStore.Due::campaignId)
                .filter(id -> id.equals(series.id()) || id.equals(once.id())).toList();
        assertThat(dueAtFirst).containsExactly(once.id(), series.id());
        assertThat(store.due(first.minusSeconds(1), 100)).extracting(CampaignStore.Due::campaignId).doesNotContain(series.id());
        assertThat(store.replace(onceScheduled.withStatus(CampaignStatus.RUNNING, T), onceScheduled.version())).isTrue();
        assertThat(store.due(first, 100)).extracting(CampaignStore.Due::campaignId).doesNotContain(once.id());

        Campaign run = scheduled.runFor(Ulid.derived(first, series.id()), first, first);
        assertThat(store.createIfAbsent(run)).isTrue();
        assertThat(store.createIfAbsent(scheduled.runFor(Ulid.derived(first, series.id()), first, first.plusSeconds(5)))).isFalse();
        assertThat(store.get(run.id())).contains(run);
        assertThat(store.runs(series.id(), null, 10).campaigns()).containsExactly(run);
        assertThat(store.list(bot, null, 10).campaigns()).extracting(Campaign::id).containsExactly(once.id(), series.id());
    }

    @Test
    void aReplaceOnTheStoredVersionWinsAndOneOnAnOlderVersionChangesNothing() {
        Campaign c = draft(newBot(), T);
        store.create(c);
        Campaign scheduled = c.withStatus(CampaignStatus.SCHEDULED, T);
        Campaign renamed = c.withDraft("Other", c.content(), c.audience(), false, c.policy());

        assertThat(store.replace(scheduled, c.version())).isTrue();
        assertThat(store.replace(renamed, c.version())).as("based on version 1, which is gone").isFalse();
        assertThat(store.get(c.id())).contains(scheduled);
        assertThat(store.replace(scheduled.withStatus(CampaignStatus.RUNNING, T), scheduled.version())).isTrue();
        assertThat(store.get(c.id()).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void aBotsCampaignsAreListedNewestFirstInPagesThatResumeAfterTheLastId() {
        String botId = newBot();
        List<Campaign> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Campaign c = draft(botId, T.plus(Duration.ofMinutes(i)));
            store.create(c);
            created.add(c);
        }
        store.create(draft(newBot(), T.plus(Duration.ofMinutes(9))));

        List<String> listed = new ArrayList<>();
        String after = null;
        do {
            CampaignStore.Page page = store.list(botId, after, 2);
            assertThat(page.campaigns()).hasSizeLessThanOrEqualTo(2);
            page.campaigns().forEach(c -> listed.add(c.id()));
            after = page.lastId();
        } while (after != null);

        assertThat(listed).containsExactlyElementsOf(created.reversed().stream().map(Campaign::id).toList());
    }

    @Test
    void aCampaignWithoutProgressHasNoneAndNoPlan() {
        Campaign c = draft(newBot(), T);
        store.create(c);

        assertThat(store.progress(c.id())).isEqualTo(CampaignProgress.NONE);
        assertThat(store.plan(c.id())).isEmpty();
    }

    @Test
    void thePlannersProgressIsWhatItLastSavedAndShowsInTheCampaignsProgress() {
        Campaign c = draft(newBot(), T);
        store.create(c);
        store.savePlan(c.id(), new CampaignStore.PlanProgress("cursor-1", 10, 1_000, false));
        store.savePlan(c.id(), new CampaignStore.PlanProgress(null, 12, 1_150, true));

        assertThat(store.plan(c.id())).contains(new CampaignStore.PlanProgress(null, 12, 1_150, true));
        CampaignProgress progress = store.progress(c.id());
        assertThat(progress.audienceSize()).isEqualTo(1_150);
        assertThat(progress.batchesTotal()).isEqualTo(12);
        assertThat(progress.planned()).isTrue();
        assertThat(progress.batchesDone()).isZero();
        assertThat(progress.allBatchesDone()).isFalse();
    }
}
