package io.botfleet.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botfleet.shared.errors.Refusal;
import io.botfleet.shared.time.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private static final Instant FIRST = Instant.parse("2026-12-01T10:00:00Z");

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:05:00Z"));
    private final InMemoryDeadLetterQueues queues = new InMemoryDeadLetterQueues("send", "events");
    private final InMemoryFailureReasons reasons = new InMemoryFailureReasons();
    private final LastReceiveFailures failures = new LastReceiveFailures(reasons, clock);
    private final DeadLetters deadLetters = new DeadLetters(queues, reasons, DeadLetterBodyJson::summary);

    private void dead(String queue, String id, String body, int receiveCount) {
        queues.dead.get(queue).add(new DeadLetterQueues.DeadMessage(id, body, receiveCount, Optional.of(FIRST), Optional.of(FIRST)));
    }

    @Test
    void onlyTheLastAllowedReceiveRecordsAReason() {
        assertThat(failures.failed("m1", 4, 5, "not an events message")).isFalse();
        assertThat(failures.failed("m1", 5, 5, "not an events message")).isTrue();
        assertThat(failures.failed("m2", 9, 0, "a queue without a DLQ")).isFalse();
        assertThat(reasons.byId).containsOnlyKeys("m1");
        assertThat(reasons.byId.get("m1")).isEqualTo(new FailureReason("m1", "not an events message", clock.instant(), 5));
    }

    @Test
    void listsEachQueueWithItsCountAndEachDeadLetterWithItsReasonAndASummaryWithoutContent() {
        dead("events", "m1", "{\"botId\":\"42\",\"events\":[1,2,3],\"text\":\"my secret plans\"}", 7);
        dead("events", "m2", "garbage", 6);
        failures.failed("m1", 5, 5, "not an events message: missing field");

        assertThat(deadLetters.counts()).containsExactly(new DeadLetters.QueueCount("send", 0),
                new DeadLetters.QueueCount("events", 2));
        List<DeadLetters.DeadLetter> listed = deadLetters.list("events");
        assertThat(listed).hasSize(2);
        DeadLetters.DeadLetter recorded = listed.get(0);
        assertThat(recorded.reason()).isEqualTo("not an events message: missing field");
        assertThat(recorded.reasonRecorded()).isTrue();
        assertThat(recorded.failedAt()).contains(clock.instant());
        assertThat(recorded.receiveCount()).as("the count at the failure, not the looks since").isEqualTo(5);
        assertThat(recorded.summary()).contains("botId=42", "events=[3 items]", "text=(text, 15 characters)")
                .doesNotContain("secret");
        DeadLetters.DeadLetter unexplained = listed.get(1);
        assertThat(unexplained.reasonRecorded()).isFalse();
        assertThat(unexplained.reason()).startsWith("No reason recorded");
        assertThat(unexplained.receiveCount()).isEqualTo(6);
        assertThat(unexplained.summary()).isEqualTo("not JSON, 7 bytes");
    }

    @Test
    void redrivingOneMovesItBackAndForgetsItsReason() {
        dead("send", "a", "{\"campaignId\":\"c1\"}", 5);
        dead("send", "b", "{\"campaignId\":\"c2\"}", 5);
        failures.failed("a", 5, 5, "boom");

        assertThat(deadLetters.redrive("send", Optional.of("a"))).isEqualTo(1);

        assertThat(queues.source.get("send")).containsExactly("{\"campaignId\":\"c1\"}");
        assertThat(queues.dead.get("send")).extracting(DeadLetterQueues.DeadMessage::messageId).containsExactly("b");
        assertThat(reasons.byId).isEmpty();
    }

    @Test
    void redrivingOrDiscardingAllEmptiesTheQueue() {
        dead("send", "a", "{}", 5);
        dead("send", "b", "{}", 5);
        dead("events", "c", "{}", 5);
        failures.failed("c", 5, 5, "boom");

        assertThat(deadLetters.redrive("send", Optional.empty())).isEqualTo(2);
        assertThat(deadLetters.discard("events", Optional.empty())).isEqualTo(1);

        assertThat(queues.source.get("send")).hasSize(2);
        assertThat(queues.source.get("events")).isEmpty();
        assertThat(deadLetters.counts()).extracting(DeadLetters.QueueCount::waiting).containsOnly(0L);
        assertThat(reasons.byId).isEmpty();
        assertThat(deadLetters.redrive("send", Optional.empty())).as("nothing left is not an error").isZero();
    }

    @Test
    void refusesAnUnknownQueueAndAMessageThatIsNotWaiting() {
        assertThatThrownBy(() -> deadLetters.list("nope")).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
            assertThat(r.code()).isEqualTo("QUEUE_NOT_FOUND");
        });
        assertThatThrownBy(() -> deadLetters.discard("send", Optional.of("gone"))).isInstanceOfSatisfying(Refusal.class, r ->
                assertThat(r.code()).isEqualTo("DEAD_LETTER_NOT_FOUND"));
    }

    @Test
    void aReasonIsOneBoundedLineWithoutABotToken() {
        String described = FailureReason.describe(new IllegalStateException(
                "call to bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq failed\nat line 2"));
        FailureReason r = new FailureReason("m", described + "x".repeat(1000), Instant.EPOCH, 5);
        assertThat(r.reason()).startsWith("IllegalStateException: call to bot[token] failed at line 2")
                .doesNotContain("AAHdq").hasSize(FailureReason.MAX_LENGTH);
    }
}
