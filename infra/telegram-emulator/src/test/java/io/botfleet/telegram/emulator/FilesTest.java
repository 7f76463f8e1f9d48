package io.botfleet.telegram.emulator;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FilesTest extends EmulatorTestBase {

    private static final byte[] PHOTO = FakeMedia.png();

    @Test
    void uploadedFileIdWorksForTheSameBotOnlyAndCanBeDownloaded() {
        EmulatedBot owner = emulator.createBot("owner_bot", "Owner Bot");
        EmulatedBot other = emulator.createBot("other_bot", "Other Bot");
        EmulatedUser first = emulator.createUser("Ola", "ola", "en");
        EmulatedUser second = emulator.createUser("Pia", "pia", "en");

        BotApiClient.Answer upload = api.multipart(owner.token(), "sendPhoto",
                Map.of("chat_id", String.valueOf(first.id()), "caption", "<b>new</b>", "parse_mode", "HTML"), "photo", "p.png", PHOTO);
        String fileId = upload.result().path("photo").get(0).path("file_id").asText();
        BotApiClient.Answer reuse = api.json(owner.token(), "sendPhoto", Map.of("chat_id", second.id(), "photo", fileId));
        BotApiClient.Answer foreign = api.json(other.token(), "sendPhoto", Map.of("chat_id", second.id(), "photo", fileId));
        BotApiClient.Answer file = api.json(owner.token(), "getFile", Map.of("file_id", fileId));
        HttpResponse<byte[]> download = api.raw("/file/bot" + owner.token() + "/" + file.result().path("file_path").asText());

        assertThat(upload.status()).isEqualTo(200);
        assertThat(upload.result().path("caption").asText()).isEqualTo("new");
        assertThat(fileId).isNotBlank();
        assertThat(reuse.status()).isEqualTo(200);
        assertThat(reuse.result().path("photo").get(0).path("file_id").asText()).isEqualTo(fileId);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.description()).isEqualTo("Bad Request: wrong file identifier/HTTP URL specified");
        assertThat(file.result().path("file_size").asLong()).isEqualTo(PHOTO.length);
        assertThat(download.body()).isEqualTo(PHOTO);
        assertThat(emulator.messagesReceivedBy(owner.id(), first.id())).singleElement().satisfies(message -> {
            assertThat(message.method()).isEqualTo("sendPhoto");
            assertThat(message.fileId()).isEqualTo(fileId);
            assertThat(message.text()).isEqualTo("new");
        });
    }

    @Test
    void documentAndVideoByUrlGetFileIds() {
        EmulatedBot bot = emulator.createBot("url_bot", "Url Bot");
        EmulatedUser user = emulator.createUser("Quinn", "quinn", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));
        byte[] bytes = "media".getBytes(StandardCharsets.UTF_8);

        try (MediaServer media = new MediaServer()) {
            BotApiClient.Answer document = api.json(bot.token(), "sendDocument",
                    Map.of("chat_id", user.id(), "document", media.serve("/docs/report.pdf", "application/pdf", bytes)));
            BotApiClient.Answer video = api.json(bot.token(), "sendVideo",
                    Map.of("chat_id", user.id(), "video", media.serve("/clip.mp4", "video/mp4", bytes)));

            assertThat(document.result().path("document").path("file_name").asText()).isEqualTo("report.pdf");
            assertThat(document.result().path("document").path("mime_type").asText()).isEqualTo("application/pdf");
            assertThat(video.result().path("video").path("file_id").asText()).isNotBlank();
        }
    }

    @Test
    void mediaGroupNeedsTwoToTenItems() {
        EmulatedBot bot = emulator.createBot("album_bot", "Album Bot");
        EmulatedUser user = emulator.createUser("Rae", "rae", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));
        BotApiClient.Answer upload = api.multipart(bot.token(), "sendPhoto", Map.of("chat_id", String.valueOf(user.id())),
                "photo", "a.png", PHOTO);
        String fileId = upload.result().path("photo").get(0).path("file_id").asText();
        api.json(bot.token(), "deleteMessage", Map.of("chat_id", user.id(), "message_id", upload.result().path("message_id").asLong()));
        Map<String, String> photo = Map.of("type", "photo", "media", fileId);

        BotApiClient.Answer single = api.json(bot.token(), "sendMediaGroup", Map.of("chat_id", user.id(), "media", List.of(photo)));
        BotApiClient.Answer album = api.json(bot.token(), "sendMediaGroup", Map.of("chat_id", user.id(),
                "media", List.of(photo, Map.of("type", "photo", "media", fileId, "caption", "two"))));

        assertThat(single.status()).isEqualTo(400);
        assertThat(album.status()).isEqualTo(200);
        assertThat(album.result()).hasSize(2);
        assertThat(album.result().get(0).path("media_group_id").asText()).isEqualTo(album.result().get(1).path("media_group_id").asText());
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id())).extracting(ReceivedMessage::text).containsExactly(null, "two");
    }
}
