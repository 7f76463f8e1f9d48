package io.botfleet.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.ApiHarness;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.events.SqsEvents;
import io.botfleet.shared.aws.Attributes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Dead letters as deployed: the aggregator (template handler, raw SQS events, its IAM) fails two events messages on
 * every delivery — one it cannot read, one whose counters cannot be written while the stats table is down — until
 * ElasticMQ moves both to EventsDlq by the queue's RedrivePolicy; the API (ApiFunction) lists them with the reasons the
 * aggregator recorded on their last allowed delivery, redrives the one whose cause is gone (then it is counted) and
 * discards the other.
 */
@LocalAws
class DeadLettersIT {
    private static final String BOT = "7001";
    private static final String EVENTS = "{\"v\":1,\"events\":[{\"eventId\":\"" + BOT + ":1:message.received\","
            + "\"type\":\"message.received\",\"botId\":\"" + BOT + "\",\"chatId\":\"11\",\"at\":\"2026-11-30T10:05:00Z\",\"updateId\":1}]}";
    private static final String UNREADABLE = "{\"not\":\"an events message\"}";

    static LocalAwsStack aws;
    static ApiHarness api;
    static ApiHarness.Session owner;

    @BeforeAll
    static void start(LocalAwsStack stack) {
        aws = stack;
        api = ApiHarness.start(stack);
        owner = api.setupOwner();
    }

    @Test
    void aMessageThatKeepsFailingIsListedWithItsReasonThenRedrivenAndCountedOrDiscarded() {
        SqsClient sqs = aws.clients().sqs();
        String queue = aws.resource("EventsQueue").ref();
        String good = sqs.sendMessage(b -> b.queueUrl(queue).messageBody(EVENTS)).messageId();
        String bad = sqs.sendMessage(b -> b.queueUrl(queue).messageBody(UNREADABLE)).messageId();

        // the stats table is down while the messages use up their five deliveries
        aws.faults().failNext("dynamodb:BatchGetItem", "table/" + aws.resource("StatsTable").ref(), 1000);
        int deliveries = 0;
        try {
            for (List<Message> batch = receive(sqs, queue); !batch.isEmpty(); batch = receive(sqs, queue)) {
                deliveries++;
                assertThat(deliver(batch)).containsExactlyInAnyOrder(good, bad);
                // the visibility timeout passing: SQS offers the failed messages again
                batch.forEach(m -> sqs.changeMessageVisibility(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle())
                        .visibilityTimeout(0)));
            }
        } finally {
            aws.faults().clear();
        }
        assertThat(deliveries).as("the template's maxReceiveCount").isEqualTo(5);

        JsonNode counts = api.call("GET", "/api/ops/dead-letters").as(owner).send().expect(200).json();
        assertThat(counts.path("queues").findValuesAsText("queue")).containsExactly("send", "paid-send", "events", "campaign-start", "backup");
        assertThat(counts.path("waiting").asLong()).isEqualTo(2);

        JsonNode items = api.call("GET", "/api/ops/dead-letters/events").as(owner).send().expect(200).json().path("items");
        assertThat(items.findValuesAsText("messageId")).containsExactlyInAnyOrder(good, bad);
        for (JsonNode item : items) {
            assertThat(item.path("reasonRecorded").asBoolean()).isTrue();
            assertThat(item.path("receiveCount").asInt()).isEqualTo(5);
            assertThat(item.path("failedAt").asText()).isNotEmpty();
            if (item.path("messageId").asText().equals(bad)) {
                assertThat(item.path("reason").asText()).startsWith("not an events message");
                assertThat(item.path("summary").asText()).isEqualTo("27 bytes: not=(text, 17 characters)");
            } else {
                assertThat(item.path("reason").asText()).startsWith("the bot's counters could not be written");
                assertThat(item.path("summary").asText()).contains("v=1", "events=[1 items]");
            }
        }

        // the table is back: the counted message goes back to its queue and is counted
        JsonNode redriven = api.call("POST", "/api/ops/dead-letters/events/redrive").as(owner)
                .json(Map.of("messageId", good)).send().expect(200).json();
        assertThat(redriven.path("redriven").asInt()).isEqualTo(1);
        List<Message> back = receive(sqs, queue);
        assertThat(back).extracting(Message::body).containsExactly(EVENTS);
        assertThat(deliver(back)).isEmpty();
        assertThat(aws.clients().dynamoDb().getItem(b -> b.tableName(aws.resource("StatsTable").ref())
                .key(Attributes.key("STATS#" + BOT + "#hour", "2026-11-30T10"))).item()).isNotEmpty();

        // the unreadable one cannot be fixed: discarded, with its reason
        assertThat(api.call("POST", "/api/ops/dead-letters/events/discard").as(owner).json(Map.of("messageId", bad))
                .send().expect(200).json().path("discarded").asInt()).isEqualTo(1);
        assertThat(api.call("GET", "/api/ops/dead-letters/events").as(owner).send().expect(200).json().path("items")).isEmpty();
        assertThat(aws.clients().dynamoDb().getItem(b -> b.tableName(api.table("EPHEMERAL_TABLE"))
                .key(DynamoFailureReasons.key(bad))).hasItem()).as("the reason goes with the message").isFalse();
        assertThat(api.call("POST", "/api/ops/dead-letters/events/discard").as(owner).json(Map.of("messageId", bad))
                .send().expect(404).code()).isEqualTo("DEAD_LETTER_NOT_FOUND");
        assertThat(api.call("GET", "/api/ops/dead-letters/nope").as(owner).send().expect(404).code()).isEqualTo("QUEUE_NOT_FOUND");
    }

    @Test
    void aFifoDeadLetterGoesBackToItsGroupAndIsNotDroppedAsARepeat() {
        SqsClient sqs = aws.clients().sqs();
        String dlq = aws.resource("SendDlq").ref();
        String queue = aws.resource("SendQueue").ref();
        // as SQS leaves it: the original deduplication id, which the send queue has seen within five minutes
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"a\":1}").messageGroupId("bot-1").messageDeduplicationId("c#1"));
        sqs.receiveMessage(b -> b.queueUrl(queue).visibilityTimeout(0)).messages().forEach(m ->
                sqs.deleteMessage(d -> d.queueUrl(queue).receiptHandle(m.receiptHandle())));
        sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("{\"a\":1}").messageGroupId("bot-1").messageDeduplicationId("c#1"));

        assertThat(api.call("POST", "/api/ops/dead-letters/send/redrive").as(owner).send().expect(200).json()
                .path("redriven").asInt()).isEqualTo(1);

        List<Message> back = receive(sqs, queue);
        assertThat(back).extracting(Message::body).containsExactly("{\"a\":1}");
        assertThat(back.getFirst().attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("bot-1");
    }

    private static List<Message> receive(SqsClient sqs, String queue) {
        return sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1).visibilityTimeout(60)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
    }

    /** The aggregator invoked as Lambda's event source would: @return the ids it reported failed */
    private static Set<String> deliver(List<Message> batch) {
        Invocation result = aws.lambda().function("AggregatorFunction").invoke(
                SqsEvents.event(batch, aws.resource("EventsQueue").attribute("Arn"), LocalAwsStack.REGION));
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        return SqsEvents.failedIds(result, batch, true);
    }
}
