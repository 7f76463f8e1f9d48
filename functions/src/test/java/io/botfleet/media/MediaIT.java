package io.botfleet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.ApiHarness;
import io.botfleet.api.OnDeployedPlatform;
import io.botfleet.bots.BotTestKit;
import io.botfleet.lambda.BotsModule;
import io.botfleet.subscribers.Subscriber;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.ReceivedMessage;
import io.botfleet.telegram.emulator.TelegramEmulator;
import io.botfleet.webhook.DynamoUpdateLedger;
import io.botfleet.webhook.UpdateLedger;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The media library on the local stack, through the deployed functions: the API hands out a presigned PUT, the
 * upload's ObjectCreated notification (the template's S3 event) runs the media function, and campaigns send library
 * files through the sender function, uploading each once per bot.
 */
class MediaIT extends OnDeployedPlatform {
    static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPhotoUploadedThroughItsPresignedUrlIsValidatedCompressedAndRecorded() throws Exception {
        byte[] png = TestImages.png(4000, 3000);
        JsonNode item = uploaded("poster.png", "image/png", png);

        assertThat(item.path("status").asText()).as(item.toString()).isEqualTo("validated");
        assertThat(item.path("kind").asText()).isEqualTo("photo");
        assertThat(item.path("format").asText()).isEqualTo("png");
        assertThat(item.path("width").asInt()).isEqualTo(4000);
        assertThat(item.path("height").asInt()).isEqualTo(3000);
        assertThat(item.path("sizeBytes").asLong()).isEqualTo(png.length);
        assertThat(item.path("sha256").asText()).isEqualTo(UploadInspection.sha256(png));
        assertThat(item.path("compressed").asBoolean()).isTrue();
        byte[] sent = get(item.path("previewUrl").asText());
        assertThat(PhotoCodec.size(sent)).contains(new PhotoCodec.Size(2560, 1920));
        assertThat(FormatSniffer.detect(get(item.path("thumbnailUrl").asText()))).contains(MediaFormat.JPEG);
        // the original is kept
        assertThat(objectKeys(MediaKeys.ORIGINALS)).contains(MediaKeys.original(item.path("id").asText()));

        JsonNode page = api.call("GET", "/api/media").as(owner).send().expect(200).json();
        assertThat(page.path("items").findValuesAsText("id")).contains(item.path("id").asText());
    }

    @Test
    void aFileWhoseBytesAreNotTheDeclaredTypeIsQuarantinedWithTheReason() throws Exception {
        JsonNode item = uploaded("fake.png", "image/png", TestImages.jpeg(200, 100));

        assertThat(item.path("status").asText()).isEqualTo("quarantined");
        assertThat(item.path("reason").asText()).isEqualTo("declared image/png but the bytes are jpeg");
        assertThat(objectKeys(MediaKeys.QUARANTINE)).contains(MediaKeys.quarantine(item.path("id").asText()));
        assertThat(objectKeys(MediaKeys.UPLOADS)).doesNotContain(MediaKeys.upload(item.path("id").asText()));
    }

    @Test
    void theSameContentUploadedTwiceIsStoredOnce() throws Exception {
        byte[] jpeg = TestImages.jpeg(640, 480);
        JsonNode first = uploaded("a.jpg", "image/jpeg", jpeg);
        JsonNode again = requestUpload("b.jpg", "image/jpeg", jpeg.length);
        String secondId = again.path("item").path("id").asText();
        put(again, jpeg);
        await().atMost(PATIENCE).until(() -> objectKeys(MediaKeys.UPLOADS).stream().noneMatch(k -> k.endsWith(secondId)));

        JsonNode second = api.call("GET", "/api/media/" + secondId).as(owner).send().expect(200).json();
        assertThat(second.path("id").asText()).isEqualTo(first.path("id").asText());
        assertThat(objectKeys(MediaKeys.ORIGINALS)).contains(MediaKeys.original(first.path("id").asText()))
                .doesNotContain(MediaKeys.original(secondId));
    }

    @Test
    void aFileAboveTelegramsLimitForItsKindIsRefusedBeforeItIsUploaded() {
        ApiHarness.Response refused = api.call("POST", "/api/media/uploads").as(owner)
                .json(Map.of("fileName", "huge.jpg", "contentType", "image/jpeg", "size", 10L * 1024 * 1024 + 1)).send().expect(422);
        assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("size");
        api.call("POST", "/api/media/uploads").as(owner)
                .json(Map.of("fileName", "tool.exe", "contentType", "application/x-msdownload", "size", 10)).send().expect(422);
    }

    @Test
    void aPhotoCampaignUploadsTheFileOncePerBotAndThenSendsItByFileId() throws Exception {
        JsonNode photo = uploaded("sale.jpg", "image/jpeg", TestImages.jpeg(1280, 960));
        String mediaId = photo.path("id").asText();
        List<EmulatedBot> bots = List.of(telegram.createBot("media_bot_a", "Media A"), telegram.createBot("media_bot_b", "Media B"));
        List<String> campaigns = new ArrayList<>();
        Map<EmulatedBot, List<Long>> audiences = new java.util.HashMap<>();
        for (EmulatedBot bot : bots) {
            String botId = Long.toString(bot.id());
            api.call("POST", "/api/bots").as(owner).json(Map.of("token", bot.token())).send().expect(201);
            audiences.put(bot, subscribe(botId, 25, bot.username()));
            String campaignId = api.call("POST", "/api/bots/" + botId + "/campaigns").as(owner)
                    .json(Map.of("name", "Sale", "content", Map.of("text", "<b>Sale</b>", "parseMode", "html",
                            "media", Map.of("kind", "photo", "mediaId", mediaId))))
                    .send().expect(201).json().path("id").asText();
            campaigns.add(campaignId);
        }
        // a library item of another kind, or one that does not exist, is refused naming the field
        api.call("POST", "/api/bots/" + bots.getFirst().id() + "/campaigns").as(owner)
                .json(Map.of("name", "Wrong", "content", Map.of("text", "x", "media", Map.of("kind", "video", "mediaId", mediaId))))
                .send().expect(422);
        campaigns.forEach(id -> api.call("POST", "/api/campaigns/" + id + "/start").as(owner).send().expect(200));
        await().atMost(PATIENCE).until(() -> campaigns.stream().allMatch(id ->
                api.call("GET", "/api/campaigns/" + id).as(owner).send().json().path("status").asText().equals("completed")));

        for (EmulatedBot bot : bots) {
            List<TelegramEmulator.Upload> uploads = telegram.uploads(bot.id());
            assertThat(uploads).as("uploads of %s", bot.username()).hasSize(1);
            String fileId = uploads.getFirst().fileId();
            for (long chat : audiences.get(bot)) {
                List<ReceivedMessage> got = telegram.messagesReceivedBy(bot.id(), chat);
                assertThat(got).hasSize(1);
                assertThat(got.getFirst().method()).isEqualTo("sendPhoto");
                assertThat(got.getFirst().fileId()).isEqualTo(fileId);
            }
        }
        // finished campaigns no longer hold the item
        api.call("DELETE", "/api/media/" + mediaId).as(owner).send().expect(204);
        api.call("GET", "/api/media/" + mediaId).as(owner).send().expect(404);
    }

    static JsonNode uploaded(String fileName, String contentType, byte[] bytes) throws Exception {
        JsonNode upload = requestUpload(fileName, contentType, bytes.length);
        put(upload, bytes);
        String id = upload.path("item").path("id").asText();
        await().atMost(PATIENCE).until(() -> !api.call("GET", "/api/media/" + id).as(owner).send().expect(200)
                .json().path("status").asText().equals("pending"));
        return api.call("GET", "/api/media/" + id).as(owner).send().expect(200).json();
    }

    static JsonNode requestUpload(String fileName, String contentType, long size) {
        JsonNode upload = api.call("POST", "/api/media/uploads").as(owner)
                .json(Map.of("fileName", fileName, "contentType", contentType, "size", size)).send().expect(201).json();
        assertThat(upload.path("item").path("status").asText()).isEqualTo("pending");
        return upload;
    }

    /** What the browser does: a PUT of the bytes to the presigned URL with the headers it names. */
    static void put(JsonNode upload, byte[] bytes) throws IOException, InterruptedException {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.path("upload").path("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        upload.path("upload").path("headers").properties().forEach(h -> put.header(h.getKey(), h.getValue().asText()));
        HttpResponse<String> response = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    static byte[] get(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    static List<String> objectKeys(String prefix) {
        return aws.clients().s3().listObjectsV2(b -> b.bucket(aws.resource("MediaBucket").ref()).prefix(prefix))
                .contents().stream().map(o -> o.key()).toList();
    }

    /** Active subscribers as the webhook records them on /start. */
    static List<Long> subscribe(String botId, int count, String prefix) {
        BotsModule bots = BotTestKit.module(BotTestKit.env(aws, "ApiFunction", "http://127.0.0.1:1", telegram.baseUrl(),
                "primary", Map.of()));
        var ledger = new DynamoUpdateLedger(aws.clients().dynamoDb(), aws.resource("BotsTable").ref(),
                aws.resource("SubscribersTable").ref(), aws.resource("EphemeralTable").ref());
        var fence = bots.ownership().current(botId).orElseThrow().fence();
        List<Long> chats = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            long chatId = telegram.createUser("User" + i, prefix + "_user" + i, "en").id();
            chats.add(chatId);
            ledger.record(new UpdateLedger.UpdateRecord(botId, i, fence,
                    Optional.of(new UpdateLedger.Contact(Long.toString(chatId), "private", "Chat" + i, null, "en")),
                    Optional.of(Subscriber.ACTIVE), Optional.empty(), Instant.now()));
        }
        return chats;
    }
}
