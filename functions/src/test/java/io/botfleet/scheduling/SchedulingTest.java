package io.botfleet.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botfleet.broadcast.CampaignService;
import io.botfleet.broadcast.InMemoryBroadcast;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.content.LibraryMedia;
import io.botfleet.broadcast.send.MessageTransport;
import io.botfleet.shared.errors.Refusal;
import io.botfleet.telegram.TelegramBotApi;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Scheduling on in-memory ports: triggers kept in step with campaigns, starts exactly once per occurrence, the sweep. */
class SchedulingTest {
    final InMemoryBroadcast b = new InMemoryBroadcast();
    final InMemoryScheduleTriggers triggers = new InMemoryScheduleTriggers();
    final CampaignScheduler scheduler = new CampaignScheduler(b.campaigns, triggers, b.clock);
    final ScheduledStarter starter = new ScheduledStarter(b.campaigns, b.lifecycle, b.clock);
    final CampaignService service = new CampaignService(b.campaigns, b.lifecycle, b.starts, b.queue, b.ledger, b.bots,
            MessageTransport.direct(TelegramBotApi.create(URI.create("http://127.0.0.1:1"))), LibraryMedia.NONE, b.clock,
            scheduler);

    @Test
    void aScheduledCampaignStartsOnceHoweverOftenItsOccurrenceIsAskedFor() {
        Campaign draft = b.campaign(CampaignStatus.DRAFT);
        Campaign scheduled = scheduler.schedule(draft.id(), "2026-11-30T12:00", null, "Europe/Berlin", null, draft.version());
        Instant due = Instant.parse("2026-11-30T11:00:00Z");
        assertThat(scheduled.status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(triggers.of(draft.id())).get().extracting(s -> s.due()).isEqualTo(due);
        assertThat(b.campaigns.due(due.minusSeconds(1), 10)).isEmpty();
        assertThat(b.campaigns.due(due, 10)).containsExactly(new CampaignStore.Due(draft.id(), due));

        Optional<Campaign> first = starter.start(draft.id(), due);
        Optional<Campaign> second = starter.start(draft.id(), due);

        assertThat(first).get().extracting(Campaign::status).isEqualTo(CampaignStatus.RUNNING);
        // the second request finds it running (to resume planning), and did not start it again
        assertThat(second).get().extracting(Campaign::version).isEqualTo(first.get().version());
        assertThat(b.current(draft).startedAt()).isEqualTo(first.get().startedAt());
        assertThat(b.campaigns.due(due.plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void aRequestForAnOccurrenceTheCampaignNoLongerWaitsForStartsNothing() {
        Campaign draft = b.campaign(CampaignStatus.DRAFT);
        scheduler.schedule(draft.id(), "2026-11-30T12:00", null, "UTC", null, null);
        scheduler.schedule(draft.id(), "2026-11-30T13:00", null, "UTC", null, null);

        assertThat(starter.start(draft.id(), Instant.parse("2026-11-30T12:00:00Z"))).isEmpty();
        assertThat(b.current(draft).status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(triggers.of(draft.id())).get().extracting(s -> s.due()).isEqualTo(Instant.parse("2026-11-30T13:00:00Z"));

        scheduler.unschedule(draft.id(), null);
        assertThat(triggers.of(draft.id())).isEmpty();
        assertThat(starter.start(draft.id(), Instant.parse("2026-11-30T13:00:00Z"))).isEmpty();
        assertThat(b.current(draft).status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void startingNowOrCancellingDeletesTheTrigger() {
        Campaign one = b.campaign(CampaignStatus.DRAFT);
        Campaign two = b.campaign(CampaignStatus.DRAFT);
        scheduler.schedule(one.id(), "2026-12-01T08:00", null, "UTC", null, null);
        scheduler.schedule(two.id(), null, "0 8 * * ? *", "UTC", null, null);

        service.start(one.id());
        service.cancel(two.id());

        assertThat(triggers.of(one.id())).isEmpty();
        assertThat(triggers.of(two.id())).isEmpty();
        assertThat(b.starts.requested()).containsExactly(one.id());
    }

    @Test
    void eachOccurrenceOfASeriesIsARunOfItsOwnStartedOnce() {
        Campaign series = b.campaign(CampaignStatus.DRAFT);
        scheduler.schedule(series.id(), null, "0 * * * ? *", "UTC", "2026-11-30T12:00", null);
        assertThatThrownBy(() -> service.start(series.id())).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.code()).isEqualTo("CAMPAIGN_IS_SERIES"));
        Instant ten = Instant.parse("2026-11-30T10:00:00Z");
        Instant eleven = Instant.parse("2026-11-30T11:00:00Z");

        Campaign run10 = starter.start(series.id(), ten).orElseThrow();
        Optional<Campaign> again = starter.start(series.id(), ten);
        Campaign run11 = starter.start(series.id(), eleven).orElseThrow();

        assertThat(run10.id()).isNotEqualTo(run11.id());
        assertThat(again).get().extracting(Campaign::id).isEqualTo(run10.id());
        assertThat(again.get().version()).isEqualTo(run10.version());
        assertThat(List.of(run10, run11)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(CampaignStatus.RUNNING);
            assertThat(r.seriesId()).isEqualTo(series.id());
            assertThat(r.content()).isEqualTo(series.content());
        });
        assertThat(b.campaigns.runs(series.id(), null, 10).campaigns()).extracting(Campaign::occurrence)
                .containsExactly(eleven, ten);
        assertThat(b.campaigns.list(InMemoryBroadcast.BOT, null, 10).campaigns()).extracting(Campaign::id)
                .containsExactly(series.id());
        assertThat(b.current(series).schedule().due()).isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
        // not an occurrence of the expression: a stale trigger
        assertThat(starter.start(series.id(), Instant.parse("2026-11-30T11:30:00Z"))).isEmpty();

        starter.start(series.id(), Instant.parse("2026-11-30T12:00:00Z")).orElseThrow();
        assertThat(b.current(series).status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(b.campaigns.runs(series.id(), null, 10).campaigns()).hasSize(3);
    }

    @Test
    void theSweepAsksAgainForWhatIsOverdueByMoreThanTheGrace() {
        Campaign late = b.campaign(CampaignStatus.DRAFT);
        Campaign later = b.campaign(CampaignStatus.DRAFT);
        scheduler.schedule(late.id(), "2026-11-30T09:20", null, "UTC", null, null);
        scheduler.schedule(later.id(), "2026-11-30T09:40", null, "UTC", null, null);
        List<String> asked = new ArrayList<>();
        ScheduleSweep sweep = new ScheduleSweep(b.campaigns, (id, at) -> {
            asked.add(id + "@" + at);
            starter.start(id, at);
        }, Duration.ofMinutes(1), b.clock);

        // the clock reads 09:02 (two campaigns made); one minute of grace
        b.clock.advance(Duration.ofMinutes(18));
        assertThat(sweep.sweep()).isZero();
        b.clock.advance(Duration.ofMinutes(1));
        assertThat(sweep.sweep()).isEqualTo(1);
        assertThat(sweep.sweep()).isZero();

        assertThat(asked).containsExactly(late.id() + "@2026-11-30T09:20:00Z");
        assertThat(b.current(late).status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(b.current(later).status()).isEqualTo(CampaignStatus.SCHEDULED);
    }

    @Test
    void onlyADraftOrScheduledCampaignIsScheduledAndAStaleVersionIsRefused() {
        Campaign running = b.campaign(CampaignStatus.RUNNING);
        assertThatThrownBy(() -> scheduler.schedule(running.id(), "2026-12-01T08:00", null, "UTC", null, null))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT));
        Campaign draft = b.campaign(CampaignStatus.DRAFT);
        assertThatThrownBy(() -> scheduler.schedule(draft.id(), "2026-12-01T08:00", null, "UTC", null, draft.version() + 1))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.STALE_VERSION));
        assertThatThrownBy(() -> scheduler.unschedule(draft.id(), null))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("NOT_SCHEDULED"));
        assertThat(triggers.of(running.id())).isEmpty();
        assertThat(triggers.of(draft.id())).isEmpty();
    }
}
