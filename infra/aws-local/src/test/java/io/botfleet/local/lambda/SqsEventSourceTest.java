package io.botfleet.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.local.lambda.sources.SqsEventSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The local SQS event source behaves as Lambda's: partial batch failures, redelivery, dead-lettering, FIFO order. */
@LocalAws
class SqsEventSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stand-in function over the raw event: the bodies in, the message ids to report as failed out. */
    private static Invoker function(Function<List<JsonNode>, List<String>> handler) {
        return event -> {
            try {
                List<JsonNode> records = new ArrayList<>();
                JSON.readTree(event).path("Records").forEach(records::add);
                ObjectNode response = JSON.createObjectNode();
                handler.apply(records).forEach(id -> response.withArray("batchItemFailures").addObject().put("itemIdentifier", id));
                return Invocation.success(JSON.writeValueAsBytes(response));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Counts deliveries per body and fails every message whose body starts with "fail". */
    static final class FailingConsumer {
        final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        final List<String> order = new CopyOnWriteArrayList<>();

        Invoker invoker() {
            return function(records -> {
                List<String> failures = new ArrayList<>();
                for (JsonNode m : records) {
                    String body = m.path("body").asText();
                    deliveries.computeIfAbsent(body, k -> new AtomicInteger()).incrementAndGet();
                    order.add(body);
                    if (body.startsWith("fail")) {
                        failures.add(m.path("messageId").asText());
                    }
                }
                return failures;
            });
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
        var source = new SqsEventSource.Source("Test", q.url(), q.arn(), 10, true, 1);
        try (var poller = new SqsEventSource(sqs, source, consumer.invoker()).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    !sqs.receiveMessage(b -> b.queueUrl(q.dlqUrl()).waitTimeSeconds(1)).messages().isEmpty());
        }
        assertThat(consumer.deliveries.get("ok-1").get()).isEqualTo(1);
        assertThat(consumer.deliveries.get("ok-2").get()).isEqualTo(1);
        assertThat(consumer.deliveries.get("ok-3").get()).isEqualTo(1);
        // received maxReceiveCount times by the function, then moved by the queue on the next receive
        assertThat(consumer.deliveries.get("fail-1").get()).isEqualTo(3);
    }

    @Test
    void aBatchSizeAboveTenIsGatheredOverSeveralReceivesWithinTheBatchingWindow(LocalAwsStack stack) {
        SqsClient sqs = stack.clients().sqs();
        Queues q = queuePair(sqs, "gathered", false, 3);
        for (int i = 0; i < 25; i++) {
            String body = "m-" + i;
            sqs.sendMessage(b -> b.queueUrl(q.url()).messageBody(body));
        }
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        FailingConsumer consumer = new FailingConsumer();
        Invoker counting = event -> {
            batchSizes.add(event.length == 0 ? 0 : countRecords(event));
            return consumer.invoker().invoke(event);
        };
        // the window is far longer than the receives take: the batch is complete long before it ends
        var source = new SqsEventSource.Source("Test", q.url(), q.arn(), 25, true, 1, Duration.ofSeconds(60));
        try (var poller = new SqsEventSource(sqs, source, counting).start()) {
            // all 25 deleted (in deletes of at most 10): nothing left in flight
            await().atMost(Duration.ofSeconds(60)).until(() -> consumer.deliveries.size() == 25
                    && "0".equals(sqs.getQueueAttributes(b -> b.queueUrl(q.url()).attributeNames(QueueAttributeName.ALL))
                            .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
        }
        assertThat(batchSizes).containsExactly(25);
    }

    private static int countRecords(byte[] event) {
        try {
            return new ObjectMapper().readTree(event).path("Records").size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aThrowingFunctionFailsTheWholeBatch(LocalAwsStack stack) {
        SqsClient sqs = stack.clients().sqs();
        Queues q = queuePair(sqs, "throwing", false, 2);
        AtomicInteger calls = new AtomicInteger();
        Invoker throwing = event -> {
            calls.incrementAndGet();
            return Invocation.failure("java.lang.IllegalStateException", "boom");
        };
        sqs.sendMessage(b -> b.queueUrl(q.url()).messageBody("a"));
        var source = new SqsEventSource.Source("Test", q.url(), q.arn(), 10, true, 1);
        try (var poller = new SqsEventSource(sqs, source, throwing).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() ->
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
        Invoker failOnce = function(records -> {
            List<String> failures = new ArrayList<>();
            boolean failRest = false;
            for (JsonNode m : records) {
                String body = m.path("body").asText();
                if (!failRest && body.equals("g-1") && firstAttempts.getAndIncrement() == 0) {
                    failRest = true; // FIFO: after a failure the rest of the group's batch is returned unprocessed
                }
                if (failRest) {
                    failures.add(m.path("messageId").asText());
                } else {
                    consumer.order.add(body);
                }
            }
            return failures;
        });
        for (int i = 1; i <= 4; i++) {
            String body = "g-" + i;
            sqs.sendMessage(b -> b.queueUrl(q.url()).messageBody(body).messageGroupId("g").messageDeduplicationId(body));
        }
        var source = new SqsEventSource.Source("Test", q.url(), q.arn(), 10, true, 3);
        try (var poller = new SqsEventSource(sqs, source, failOnce).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> consumer.order.size() == 4);
        }
        assertThat(consumer.order).containsExactly("g-1", "g-2", "g-3", "g-4");
        assertThat(firstAttempts.get()).isEqualTo(2);
    }
}
