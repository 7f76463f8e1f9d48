package io.botfleet.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.deadletters.DynamoFailureReasons;
import io.botfleet.deadletters.LastReceiveFailures;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.json.Json;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What an SQS consumer calls for each record it reports failed: on the record's last allowed receive (its queue's
 * RedrivePolicy maxReceiveCount, read from the queue once, on the first failure, with the GetQueueAttributes the event
 * source's role already has) the reason is recorded for the dead-letter list. Recording never fails the batch.
 */
public final class DeadLetterReasons {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterReasons.class);

    private final SqsClient sqs;
    private final QueueUrls queueUrls;
    private final LastReceiveFailures failures;
    private final Map<String, Integer> maxReceives = new ConcurrentHashMap<>();

    DeadLetterReasons(SqsClient sqs, List<String> queueUrls, LastReceiveFailures failures) {
        this.sqs = sqs;
        this.queueUrls = new QueueUrls(queueUrls);
        this.failures = failures;
    }

    /** For the queues of this platform (the consumers' event sources), recorded in the ephemeral table. */
    static DeadLetterReasons create(PlatformConfig config, SqsClient sqs, DynamoDbClient dynamoDb, Clock clock) {
        var q = config.queues();
        return forQueues(List.of(q.send(), q.paidSend(), q.events(), q.campaignStart()), config, sqs, dynamoDb, clock);
    }

    /** For these queues' consumers, recorded in the ephemeral table. */
    static DeadLetterReasons forQueues(List<String> queueUrls, PlatformConfig config, SqsClient sqs, DynamoDbClient dynamoDb,
                                       Clock clock) {
        return new DeadLetterReasons(sqs, queueUrls,
                new LastReceiveFailures(new DynamoFailureReasons(dynamoDb, config.tables().ephemeral(), clock), clock));
    }

    void failed(SQSEvent.SQSMessage message, String reason) {
        try {
            int count = Integer.parseInt(message.getAttributes() == null ? "0"
                    : message.getAttributes().getOrDefault("ApproximateReceiveCount", "0"));
            if (failures.failed(message.getMessageId(), count, maxReceiveCount(message.getEventSourceArn()), reason)) {
                log.warn("message {} failed its last allowed receive ({}) and goes to the dead-letter queue: {}",
                        message.getMessageId(), count, reason);
            }
        } catch (RuntimeException e) {
            log.error("could not record why message {} failed; its dead letter will show no reason", message.getMessageId(), e);
        }
    }

    /** 0 (never recorded) for a queue this function does not know or one without a dead-letter queue. */
    private int maxReceiveCount(String queueArn) {
        return queueUrls.forArn(queueArn).map(url -> maxReceives.computeIfAbsent(url, this::readMaxReceiveCount)).orElse(0);
    }

    private int readMaxReceiveCount(String url) {
        String policy = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes().get(QueueAttributeName.REDRIVE_POLICY);
        if (policy == null || policy.isBlank()) {
            return 0;
        }
        // SQS writes maxReceiveCount as a number or as a string, depending on how the policy was set
        JsonNode max = Json.read(policy.getBytes(java.nio.charset.StandardCharsets.UTF_8), JsonNode.class).path("maxReceiveCount");
        return max.isNumber() ? max.asInt() : Integer.parseInt(max.asText("0"));
    }
}
