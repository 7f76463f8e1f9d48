package io.botfleet.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.analytics.DynamoStatsStore;
import io.botfleet.analytics.Granularity;
import io.botfleet.analytics.Metric;
import io.botfleet.bots.BotTestKit;
import io.botfleet.bots.WebhookSecrets;
import io.botfleet.lambda.BotsModule;
import io.botfleet.local.DynamoItemSize;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.LocalDeployment;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.sources.DynamoDbStreamEventSource;
import io.botfleet.local.template.SamTemplate;
import io.botfleet.ownership.DynamoLeaseStore;
import io.botfleet.ownership.Fence;
import io.botfleet.ownership.Lease;
import io.botfleet.shared.json.Json;
import io.botfleet.subscribers.SubscriberCounts;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The accepted updates' path as deployed: the webhook's one write per ordinary update, the ephemeral table's stream
 * read by the local stack's event source mapping (the template's DynamoDB event: filter, batch, retries, bisect,
 * on-failure destination) and UpdateStreamFunction behind its template handler and IAM.
 */
@LocalAws
class UpdateStreamIT {
    static final Duration PATIENCE = Duration.ofSeconds(120);
    static TelegramEmulator telegram;
    static WebhookTestServer server;
    static BotsModule bots;
    static WebhookSecrets secrets;
    static LocalAwsStack aws;
    static ParkedUpdates parked;
    static DynamoStatsStore stats;
    static DynamoDbStreamEventSource consumer;
    static DynamoDbStreamEventSource.Source source;

    @BeforeAll
    static void start(LocalAwsStack stack) {
        aws = stack;
        parked = new DynamoParkedUpdates(stack.clients().dynamoDb(), stack.resource("DeliveriesTable").ref(), Clock.systemUTC());
        stats = new DynamoStatsStore(stack.clients().dynamoDb(), stack.resource("StatsTable").ref(), Duration.ofDays(90), Optional.empty());
        telegram = TelegramEmulator.start(0);
        server = WebhookTestServer.start();
        bots = BotTestKit.module(BotTestKit.env(stack, "ApiFunction", server.baseUrl(), telegram.baseUrl(), "primary", Map.of()));
        secrets = bots.registry().webhookSecrets();
        server.handler(BotTestKit.deployed(stack, "WebhookFunction", server.baseUrl(), telegram.baseUrl(), "primary", Map.of()));
        // the template's mapping, reading from now on: earlier tests' records are not this test's
        Map<String, Object> event = SamTemplate.map(SamTemplate.map(stack.template().resources().get("UpdateStreamFunction")
                .property("Events")).get("AcceptedUpdates"));
        var template = LocalDeployment.streamSource(stack, "UpdateStreamFunction", SamTemplate.map(event.get("Properties")));
        source = new DynamoDbStreamEventSource.Source(template.functionId(), template.functionArn(), template.streamArn(),
                template.batchSize(), Duration.ofMillis(200), "LATEST", template.maximumRetryAttempts(),
                template.bisectBatchOnFunctionError(), template.reportBatchItemFailures(), template.filters(),
                template.onFailureQueueUrl(), template.region());
        consumer = new DynamoDbStreamEventSource(stack.dynamoDbStreams(), stack.clients().sqs(), source,
                e -> stack.lambda().function("UpdateStreamFunction").invoke(e)).start();
    }

    @AfterAll
    static void stop() {
        consumer.close();
        server.close();
        telegram.close();
    }

    private static String register(EmulatedBot bot) {
        bots.registry().register(bot.token(), "test");
        return Long.toString(bot.id());
    }

    private static String message(long updateId, long chatId, String name, String text) {
        return """
                {"update_id": %d, "message": {"message_id": %d, "date": 1700000000, "text": "%s",
                 "chat": {"id": %d, "type": "private", "first_name": "%s"}, "from": {"id": %d, "is_bot": false, "first_name": "%s", "language_code": "en"}}}"""
                .formatted(updateId, updateId, text, chatId, name, chatId, name);
    }

    private static Map<Metric, Long> today(String botId) {
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS);
        return stats.counters(botId, Granularity.DAY, day.minus(Duration.ofDays(1)), day.plus(Duration.ofDays(1)))
                .getOrDefault(day, Map.of());
    }

    @Test
    void anOrdinaryMessageIsOneWriteAndARedeliveredBatchIsAppliedOnce() {
        Instant started = Instant.now();
        String botId = register(telegram.createBot("stream_bot", "Stream"));
        String secret = secrets.secretFor(botId, bots.ownership().current(botId).orElseThrow().epoch());
        // the functions (and their logs) serve earlier test classes too, whose bots had the same ids
        int webhookLogBefore = aws.lambda().logs("WebhookFunction").length();
        int consumerLogBefore = aws.lambda().logs("UpdateStreamFunction").length();

        // the first message of a chat that never sent /start: the consumer makes it an active subscriber
        var answer = server.deliver(botId, secret, message(920001, 7001, "Ann", "hi"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bodyText()).isEqualTo("{}");
        await().atMost(PATIENCE).until(() -> today(botId).getOrDefault(Metric.MESSAGES_RECEIVED, 0L) == 1L);
        assertThat(bots.subscribers().get(botId, "7001").orElseThrow().status()).isEqualTo("active");
        assertThat(bots.subscribers().counts(botId)).isEqualTo(new SubscriberCounts(1, 0, 0, 1));
        assertThat(today(botId)).containsEntry(Metric.SUBSCRIBERS_JOINED, 1L);

        // the accepted item is all the webhook wrote, and it is one write unit
        var item = aws.clients().dynamoDb().getItem(b -> b.tableName(aws.resource("EphemeralTable").ref())
                .key(Map.of("pk", AttributeValue.fromS("UPD#" + botId + "#920001")))).item();
        assertThat(DynamoItemSize.writeUnits(item)).isEqualTo(1);

        // Lambda delivers a stream batch again after any failure: applying it twice changes nothing
        AcceptedUpdateStream stream = new AcceptedUpdateStream(aws, started);
        for (int i = 0; i < 2; i++) {
            Invocation again = stream.deliver(u -> u.botId().equals(botId), Map.of());
            assertThat(again.failed()).as(again.payloadText()).isFalse();
            assertThat(again.payloadText()).doesNotContain("itemIdentifier");
        }
        assertThat(bots.subscribers().counts(botId)).isEqualTo(new SubscriberCounts(1, 0, 0, 1));
        assertThat(today(botId)).containsEntry(Metric.MESSAGES_RECEIVED, 1L).containsEntry(Metric.SUBSCRIBERS_JOINED, 1L);

        // the consumer, not the webhook, counts the accepted update: one metrics line per bot and batch
        aws.lambda().flushLogs();
        assertThat(aws.lambda().logs("UpdateStreamFunction").substring(consumerLogBefore).lines().filter(l -> l.startsWith("{\"_aws\""))
                .filter(l -> l.contains("\"BotId\":\"" + botId + "\"")))
                .anySatisfy(l -> assertThat(l).contains("\"UpdatesReceived\":1", "\"UpdatesAccepted\":1"));
        assertThat(aws.lambda().logs("WebhookFunction").substring(webhookLogBefore).lines().filter(l -> l.startsWith("{\"_aws\""))
                .filter(l -> l.contains("\"BotId\":\"" + botId + "\""))).isEmpty();
    }

    @Test
    void anUpdateAcceptedUnderALostLeaseIsParkedNotApplied() {
        String botId = register(telegram.createBot("fenced_bot", "Fenced"));
        Lease lease = bots.ownership().current(botId).orElseThrow();
        Fence stale = lease.fence();
        // the lease moves to another deployment (the owner's heartbeats stopped; released here to skip the wait)
        var leases = new DynamoLeaseStore(aws.clients().dynamoDb(), aws.resource("BotsTable").ref());
        assertThat(leases.release(lease)).isTrue();
        Lease standby = leases.claim(botId, "standby", Instant.now(), Instant.now().plus(Duration.ofMinutes(3))).orElseThrow();

        // what the stale owner's webhook writes for an ordinary update while its cached configuration still names it
        var ledger = new DynamoUpdateLedger(aws.clients().dynamoDb(), aws.resource("BotsTable").ref(),
                aws.resource("SubscribersTable").ref(), aws.resource("EphemeralTable").ref());
        var outcome = ledger.record(new UpdateLedger.UpdateRecord(botId, 930001, stale,
                Optional.of(new UpdateLedger.Contact("7101", "private", "Zed", null, "en")), Optional.empty(), Optional.empty(),
                Instant.now()), o -> List.of(BotEvent.of("message.received", botId, "7101", "2026-11-30T10:00:00Z", 930001, Map.of())));
        assertThat(outcome.result()).isEqualTo(UpdateLedger.Result.DONE);

        await().atMost(PATIENCE).until(() -> !parked.list(botId, 10).isEmpty());
        ParkedUpdates.ParkedUpdate p = parked.list(botId, 10).getFirst();
        assertThat(p.updateId()).hasValue(930001);
        assertThat(p.reason()).isEqualTo("fenced: accepted under epoch " + stale.epoch() + " of primary, the lease is now at epoch "
                + standby.epoch() + " of standby");
        assertThat(bots.subscribers().get(botId, "7101")).isEmpty();
        assertThat(bots.subscribers().counts(botId)).isEqualTo(new SubscriberCounts(0, 0, 0, 0));
        assertThat(today(botId)).doesNotContainKey(Metric.MESSAGES_RECEIVED);
    }

    @Test
    void aRecordTheConsumerCannotReadGoesToTheOnFailureDestinationAfterTheRetriesAndTheStreamMovesOn() {
        Instant started = Instant.now();
        String botId = register(telegram.createBot("poison_bot", "Poison"));
        String secret = secrets.secretFor(botId, bots.ownership().current(botId).orElseThrow().epoch());
        aws.clients().dynamoDb().putItem(b -> b.tableName(aws.resource("EphemeralTable").ref())
                .item(Map.of("pk", AttributeValue.fromS("UPD#" + botId + "#940001"), "owner", AttributeValue.fromS("primary"))));
        assertThat(server.deliver(botId, secret, message(940002, 7201, "Bea", "after the poison")).status()).isEqualTo(200);

        String dlq = source.onFailureQueueUrl();
        JsonNode failure = await().atMost(PATIENCE).until(() -> aws.clients().sqs().receiveMessage(b -> b.queueUrl(dlq)
                        .maxNumberOfMessages(10).waitTimeSeconds(1)).messages().stream()
                        .map(m -> Json.read(m.body().getBytes(), JsonNode.class)).toList(),
                messages -> !messages.isEmpty()).getFirst();
        assertThat(failure.path("requestContext").path("condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(source.maximumRetryAttempts() + 1);
        // where the batch starts: the record reported failed (the records read with it were applied at every attempt)
        JsonNode info = failure.path("DDBStreamBatchInfo");
        String poison = new AcceptedUpdateStream(aws, started).records().stream()
                .filter(r -> r.path("dynamodb").path("Keys").path("pk").path("S").asText().equals("UPD#" + botId + "#940001"))
                .findFirst().orElseThrow().path("dynamodb").path("SequenceNumber").asText();
        assertThat(info.path("startSequenceNumber").asText()).isEqualTo(poison);
        assertThat(info.path("batchSize").asInt()).isBetween(1, 2);
        assertThat(info.path("streamArn").asText()).isEqualTo(source.streamArn());

        // the record after it was applied all the same
        await().atMost(PATIENCE).until(() -> bots.subscribers().get(botId, "7201").isPresent());
        assertThat(bots.subscribers().counts(botId)).isEqualTo(new SubscriberCounts(1, 0, 0, 1));
    }
}
