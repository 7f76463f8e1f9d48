package io.botfleet.broadcast.send;

import static io.botfleet.broadcast.send.Sending.MINUTE;
import static io.botfleet.broadcast.send.Sending.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.campaign.DeliveryPolicy;
import io.botfleet.broadcast.content.MessageContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A sponsored campaign's budget as the sender weighs it before each batch. */
class SenderBudgetTest {
    final Sending s = new Sending();
    final List<Long> weighed = new ArrayList<>();

    /** A budget of {@code cap} deliveries of which {@code counted} were spent before the invocation. */
    Sponsorships budget(long counted, long cap) {
        return campaign -> Optional.of(new Sponsorships.Sponsorship() {
            @Override
            public MessageContent contentFor(long chatId) {
                return campaign.content();
            }

            @Override
            public boolean mayStartBatch(long deliveredSince) {
                weighed.add(deliveredSince);
                return counted + deliveredSince < cap;
            }
        });
    }

    SenderService service(Sponsorships sponsorships) {
        return new SenderService(s.sender, s.world.bots, s.world.campaigns, s.world.lifecycle, s.world.subscriberStates,
                s.world.botFlags, sponsorships, s.metrics, s.world.clock, s.ticker);
    }

    @Test
    void aSpentBudgetPausesTheCampaignBeforeTheNextBatchAtMostOneBatchOver() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 5);
        List<SendBatch> batches = IntStream.range(0, 5).mapToObj(i -> batch(c, i, 1 + i * 100L, 100)).toList();

        List<SenderService.Retry> retries = service(budget(0, 250)).send(SenderServiceTest.deliveries(batches), () -> MINUTE);

        // batches 0-2 started (0, 100, 200 delivered before them: under 250); the third took it to 300
        assertThat(s.world.campaigns.progress(c.id()).count(DeliveryOutcome.SENT)).isEqualTo(300);
        assertThat(weighed).startsWith(0L, 100L, 200L);
        Campaign paused = s.world.current(c);
        assertThat(paused.status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(paused.statusReason()).isEqualTo("budget reached");
        assertThat(retries).as("the rest waits in the ledger for a resume, not in the queue").isEmpty();
        assertThat(s.chunk(batches.get(3)).pending()).hasSize(100);
    }

    @Test
    void aBudgetSpentBeforeTheInvocationSendsNothing() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 1);

        service(budget(250, 250)).send(SenderServiceTest.deliveries(List.of(batch(c, 0, 1, 10))), () -> MINUTE);

        assertThat(s.telegram.calls()).isEmpty();
        assertThat(s.world.current(c).statusReason()).isEqualTo("budget reached");
    }

    @Test
    void withoutAnOrderNothingIsWeighed() {
        Campaign c = s.running(DeliveryPolicy.AT_MOST_ONCE, 2);

        service(Sponsorships.NONE).send(SenderServiceTest.deliveries(List.of(batch(c, 0, 1, 100), batch(c, 1, 101, 100))), () -> MINUTE);

        assertThat(s.world.current(c).status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(weighed).isEmpty();
    }
}
