package io.botfleet.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.ApiHarness;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.LocalDeployment;
import io.botfleet.local.emulators.FreePort;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.events.SqsEvents;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.TelegramEmulator;
import io.botfleet.bots.BotTestKit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * An export and its restore, end to end on the local stack: a stack seeded through the API and the functions (bots,
 * subscribers with tags and states, a finished campaign with its ledger, an ad order and clicks, a scheduled campaign,
 * analytics, the audit log), exported by the backup function, the export copied into a fresh stack's backup bucket as
 * docs/backup-restore.md says, and imported there: every row equal, item for item, but the bots' tokens, which are in
 * no export file.
 */
@LocalAws
class BackupIT {
    static final Duration PATIENCE = Duration.ofSeconds(300);
    static TelegramEmulator telegram;
    static LocalAwsStack aws;
    static Map<String, String> overrides;

    @BeforeAll
    static void start(LocalAwsStack stack) {
        aws = stack;
        telegram = TelegramEmulator.start(0);
        overrides = Map.of("TELEGRAM_API_BASE", telegram.baseUrl(), "PUBLIC_BASE_URL", "http://127.0.0.1:" + FreePort.pick());
    }

    @AfterAll
    static void stop() {
        telegram.close();
    }

    @Test
    void anExportRestoresIntoAnEmptyStackItemForItemWithoutTokens() throws Exception {
        ApiHarness api = ApiHarness.start(aws, overrides);
        ApiHarness.Session owner = api.setupOwner();
        EmulatedBot bot = telegram.createBot("backup_bot", "Backup");
        String botId = Long.toString(bot.id());
        String campaignId;
        try (LocalDeployment deployment = LocalDeployment.start(aws, aws.lambda(), new LocalDeployment.Options(overrides, 0, null, true))) {
            api.call("POST", "/api/bots").as(owner).json(Map.of("token", bot.token())).send().expect(201);
            List<Long> chats = BotTestKit.subscribe(aws, telegram, botId, 6, "backup_user");
            api.call("POST", "/api/bots/" + botId + "/subscribers/" + chats.get(0) + "/tags").as(owner)
                    .json(Map.of("add", List.of("vip", "spring"))).send().expect(200);
            // a user who blocked the bot: the send finds it out and records the state
            telegram.userBlocksBot(bot.id(), chats.get(1));
            campaignId = api.call("POST", "/api/bots/" + botId + "/campaigns").as(owner).json(Map.of("name", "Spring",
                    "content", Map.of("text", "Spring <b>sale</b>: <a href=\"https://shop.example/s\">shop</a>", "parseMode", "html")))
                    .send().expect(201).json().path("id").asText();
            String advertiserId = api.call("POST", "/api/advertisers").as(owner).json(Map.of("name", "Acme")).send().expect(201)
                    .json().path("id").asText();
            api.call("POST", "/api/ads").as(owner).json(Map.of("campaignId", campaignId, "advertiserId", advertiserId,
                    "pricingModel", "cpm", "price", 1000, "currency", "USD")).send().expect(201);
            api.call("POST", "/api/campaigns/" + campaignId + "/start").as(owner).send().expect(200);
            await().atMost(PATIENCE).until(() -> api.call("GET", "/api/campaigns/" + campaignId + "/progress").as(owner)
                    .send().expect(200).json().path("status").asText().equals("completed"));
            String later = api.call("POST", "/api/bots/" + botId + "/campaigns").as(owner).json(Map.of("name", "Summer",
                    "content", Map.of("text", "Summer is coming", "parseMode", "none"), "audience", Map.of("tags", List.of("vip"))))
                    .send().expect(201).json().path("id").asText();
            api.call("PUT", "/api/campaigns/" + later + "/schedule").as(owner).json(Map.of("at", LocalDateTime.now().plusDays(2).truncatedTo(ChronoUnit.MINUTES).toString(), "timeZone", "Europe/Berlin"))
                    .send().expect(200);
        }
        Map<BackupEntity, Map<String, Map<String, AttributeValue>>> original = snapshot(api);
        assertThat(original.get(BackupEntity.DELIVERIES)).isNotEmpty();
        assertThat(original.get(BackupEntity.ADS)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(original.get(BackupEntity.STATS)).isNotEmpty();
        assertThat(original.get(BackupEntity.SUBSCRIBERS).values().toString()).contains("vip", "blocked");

        // the export: asked for through the API, run by the backup function from its queue
        JsonNode asked = api.call("POST", "/api/ops/exports").as(owner).send().expect(202).json();
        String exportId = asked.path("id").asText();
        assertThat(asked.path("status").asText()).isEqualTo("running");
        runBackupJobs(api);
        JsonNode export = api.call("GET", "/api/ops/exports").as(owner).send().expect(200).json().path("exports").get(0);
        assertThat(export.path("id").asText()).isEqualTo(exportId);
        assertThat(export.path("status").asText()).as(export.toString()).isEqualTo("completed");
        Instant exportedAt = Instant.parse(export.path("requestedAt").asText());

        // the export's files, as an operator copies them to the new stack's bucket
        Map<String, byte[]> files = download(api.env.required("BACKUP_BUCKET"), "exports/" + exportId + "/");
        assertThat(files.keySet()).contains("manifest.json", "bots.ndjson.gz", "subscribers.ndjson.gz", "deliveries.ndjson.gz");
        String secret = bot.token().substring(bot.token().indexOf(':') + 1);
        files.forEach((name, bytes) -> {
            String text = name.endsWith(".gz") ? gunzip(bytes) : new String(bytes, StandardCharsets.UTF_8);
            assertThat(text).as(name).doesNotContain(secret).doesNotContain(DynamoBackupRows.TOKEN_CIPHER);
        });

        // a fresh stack: its own secret, its own owner, its tables empty
        aws.reset();
        ApiHarness fresh = ApiHarness.start(aws, overrides);
        ApiHarness.Session newOwner = fresh.setupOwner();
        fresh.call("POST", "/api/ops/imports").as(newOwner).json(Map.of("export", exportId)).send().expect(404);
        upload(fresh.env.required("BACKUP_BUCKET"), "exports/" + exportId + "/", files);
        fresh.call("POST", "/api/ops/imports").as(newOwner).json(Map.of("export", "yesterday")).send().expect(422);
        JsonNode importing = fresh.call("POST", "/api/ops/imports").as(newOwner).json(Map.of("export", exportId)).send()
                .expect(202).json();
        assertThat(importing.path("status").asText()).isEqualTo("running");
        runBackupJobs(fresh);
        JsonNode imported = fresh.call("GET", "/api/ops/imports").as(newOwner).send().expect(200).json().path("imports").get(0);
        assertThat(imported.path("status").asText()).as(imported.toString()).isEqualTo("completed");
        // asking again is answered with the finished import, and writes nothing
        fresh.call("POST", "/api/ops/imports").as(newOwner).json(Map.of("export", exportId)).send().expect(200);

        Map<BackupEntity, Map<String, Map<String, AttributeValue>>> restored = snapshot(fresh);
        for (BackupEntity entity : BackupEntity.values()) {
            Map<String, Map<String, AttributeValue>> expected = original.get(entity);
            if (entity == BackupEntity.BOTS) {
                expected.values().forEach(item -> item.remove(DynamoBackupRows.TOKEN_CIPHER));
            }
            if (entity == BackupEntity.AUDIT) {
                // the new stack's own entries (its setup, the import) come on top of the restored ones
                expected.values().removeIf(item -> !Instant.parse(item.get("at").s()).isBefore(exportedAt));
                assertThat(restored.get(entity)).as(entity.label()).containsAllEntriesOf(expected);
            } else {
                assertThat(restored.get(entity)).as(entity.label()).isEqualTo(expected);
            }
        }

        // the restored bot says it needs its token; the stack now holds data, so no other import goes in
        JsonNode restoredBot = fresh.call("GET", "/api/bots/" + botId).as(newOwner).send().expect(200).json();
        assertThat(restoredBot.path("tokenRequired").asBoolean()).isTrue();
        JsonNode report = fresh.call("GET", "/api/campaigns/" + campaignId + "/progress").as(newOwner).send().expect(200).json();
        assertThat(report.path("status").asText()).isEqualTo("completed");
        assertThat(report.path("sent").asLong()).isEqualTo(5);
        fresh.call("POST", "/api/bots/" + botId + "/token").as(newOwner).json(Map.of("token", bot.token())).send().expect(200);
        assertThat(fresh.call("GET", "/api/bots/" + botId).as(newOwner).send().expect(200).json().path("tokenRequired").asBoolean())
                .isFalse();
    }

    /** Runs every job waiting on the backup queue through the backup function, as its event source would. */
    private static void runBackupJobs(ApiHarness api) {
        String queueUrl = api.env.required("BACKUP_QUEUE_URL");
        List<Message> messages = aws.clients().sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1)
                .waitTimeSeconds(1)).messages();
        assertThat(messages).hasSize(1);
        Invocation result = aws.lambda().function("BackupFunction", overrides)
                .invoke(SqsEvents.event(messages, aws.resource("BackupQueue").attribute("Arn"), LocalAwsStack.REGION));
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        assertThat(result.payloadText()).contains("\"batchItemFailures\":[]");
        aws.clients().sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(messages.getFirst().receiptHandle()));
    }

    /** Every entity's items as stored, by key. */
    private static Map<BackupEntity, Map<String, Map<String, AttributeValue>>> snapshot(ApiHarness api) {
        DynamoBackupRows.Tables tables = new DynamoBackupRows.Tables(api.table("BOTS_TABLE"), api.table("SUBSCRIBERS_TABLE"),
                api.table("CAMPAIGNS_TABLE"), api.table("DELIVERIES_TABLE"), api.table("MEDIA_TABLE"),
                api.table("AUDIT_TABLE"), api.table("STATS_TABLE"));
        Map<BackupEntity, Map<String, Map<String, AttributeValue>>> out = new LinkedHashMap<>();
        for (BackupEntity entity : BackupEntity.values()) {
            Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
            aws.clients().dynamoDb().scanPaginator(b -> b.tableName(tables.of(entity)).consistentRead(true)).items().forEach(item -> {
                if (DynamoBackupRows.belongs(entity, item)) {
                    String key = item.containsKey("pk") ? item.get("pk").s() + "|" + item.getOrDefault("sk", AttributeValue.fromS("")).s()
                            : item.get("botId").s() + "|" + item.get("chatId").s();
                    items.put(key, new HashMap<>(item));
                }
            });
            out.put(entity, items);
        }
        return out;
    }

    private static Map<String, byte[]> download(String bucket, String prefix) {
        Map<String, byte[]> out = new TreeMap<>();
        for (S3Object o : aws.clients().s3().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            out.put(o.key().substring(prefix.length()), aws.clients().s3().getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArray());
        }
        return out;
    }

    private static void upload(String bucket, String prefix, Map<String, byte[]> files) {
        files.forEach((name, bytes) -> aws.clients().s3().putObject(b -> b.bucket(bucket).key(prefix + name), RequestBody.fromBytes(bytes)));
    }

    private static String gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
