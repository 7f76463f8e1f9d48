package io.botfleet.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The local SQS event source behaves as Lambda's: partial batch failures, redelivery, dead-lettering. */
@LocalAws
class SqsEventSourcePollerTest {

    /** Counts deliveries per body and fails every message whose body starts with "fail". */
    static final class FailingConsumer implements Function<SQSEvent, SQSBatchResponse> {
        final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public SQSBatchResponse apply(SQSEvent event) {
            List<SQSBatchResponse.BatchItemFailure> failures = new java.util.ArrayList<>();
            for (SQSEvent.SQSMessage m : event.getRecords()) {
                deliveries.computeIfAbsent(m.getBody(), k -> new AtomicInteger()).incrementAndGet();
                order.add(m.getBody());
                if (m.getBody().startsWith("fail")) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                }
            }
            return new SQSBatchResponse(failures);
        }
    }

    private record Queues(String url, String arn, String dlqUrl) {}

    private static Queues queuePair(SqsClient sqs, String name, boolean fifo, int maxReceiveCount) {
        String suffix = fifo ? ".fifo" : "";
        Map<QueueAttributeName, String> fifoAttrs = fifo ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
        String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq" + suffix).attributes(fifoAttrs)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<QueueAttributeName, String> attrs = new java.util.HashMap<>(fifoAttrs);
        attrs.put(QueueAttributeName.VISIBILITY_TIMEOUT, "1");
        attrs.put(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":" + maxReceiveCount + "}");
        String url = sqs.createQueue(b -> b.queueName(name + suffix).attributes(attrs)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Queues(url, arn, dlqUrl);
    }

    @Test
    void redeliversOnlyFailedMessagesAndDeadLettersAfterMaxReceiveCount(LocalAwsStack stack) {
        SqsClient sqs = stack.clients().sqs();
        Queues q = queuePair(sqs, "partial", false, 3);
        FailingConsumer consumer = new FailingConsumer();
        for (String body : List.of("ok-1", "fail-1", "ok-2", "ok-3")) {
            sqs.sendMessage(b -> b.queueUrl(q.url()).messageBody(body));
        }
        var source = new SqsEventSourcePoller.Source(q.url(), q.arn(), 10, true, 1);
        try (var poller = new SqsEventSourcePoller(sqs, source, new HostedFunction("Test", consumer, 128, 5)).start()) {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    !sqs.receiveMessage(b -> b.queueUrl(q.dlqUrl()).waitTimeSeconds(1)).messages().isEmpty());
        }
        assertThat(consumer.deliveries.get("ok-1").get()).isEqualTo(1);
        assertThat(consumer.deliveries.get("ok-2").get()).isEqualTo(1);
        assertThat(consumer.deliveries.get("ok-3").get()).isEqualTo(1);
        // received maxReceiveCount times by the function, then moved by the queue on the next receive
        assertThat(consumer.deliveries.get("fail-1").get()).isEqualTo(3);
    }

    @Test
    void aThrowingFunctionFailsTheWholeBatch(LocalAwsStack stack) {
        SqsClient sqs = stack.clients().sqs();
        Queues q = queuePair(sqs, "throwing", false, 2);
        AtomicInteger calls = new AtomicInteger();
        Function<SQSEvent, SQSBatchResponse> throwing = event -> {
            calls.incrementAndGet();
            throw new IllegalStateException("boom");
        };
        sqs.sendMessage(b -> b.queueUrl(q.url()).messageBody("a"));
        var source = new SqsEventSourcePoller.Source(q.url(), q.arn(), 10, true, 1);
        try (var poller = new SqsEventSourcePoller(sqs, source, new HostedFunction("Throwing", throwing, 128, 5)).start()) {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    sqs.receiveMessage(b -> b.queueUrl(q.dlqUrl()).waitTimeSeconds(1)).messages().stream()
                            .anyMatch(m -> m.body().equals("a")));
        }
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void fifoGroupsStayInOrderAcrossRetries(LocalAwsStack stack) {
        SqsClient sqs = stack.clients().sqs();
        Queues q = queuePair(sqs, "ordered", true, 5);
        FailingConsumer consumer = new FailingConsumer();
        // the first message of group g fails once (body "fail-once" is retried, then succeeds on redelivery)
        AtomicInteger firstAttempts = new AtomicInteger();
        Function<SQSEvent, SQSBatchResponse> failOnce = event -> {
            List<SQSBatchResponse.BatchItemFailure> failures = new java.util.ArrayList<>();
            boolean failRest = false;
            for (SQSEvent.SQSMessage m : event.getRecords()) {
                if (!failRest && m.getBody().equals("g-1") && firstAttempts.getAndIncrement() == 0) {
                    failRest = true; // FIFO: after a failure the rest of the group's batch is returned unprocessed
                }
                if (failRest) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                } else {
                    consumer.order.add(m.getBody());
                }
            }
            return new SQSBatchResponse(failures);
        };
        for (int i = 1; i <= 4; i++) {
            String body = "g-" + i;
            sqs.sendMessage(b -> b.queueUrl(q.url()).messageBody(body).messageGroupId("g").messageDeduplicationId(body));
        }
        var source = new SqsEventSourcePoller.Source(q.url(), q.arn(), 10, true, 3);
        try (var poller = new SqsEventSourcePoller(sqs, source, new HostedFunction("Fifo", failOnce, 128, 5)).start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> consumer.order.size() == 4);
        }
        assertThat(consumer.order).containsExactly("g-1", "g-2", "g-3", "g-4");
        assertThat(firstAttempts.get()).isEqualTo(2);
    }
}
