package io.botfleet.telegram.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MediaUrlTest extends EmulatorTestBase {

    private static final String FETCH_FAILED = "Bad Request: failed to get HTTP URL content";
    private static final String WRONG_TYPE = "Bad Request: wrong type of the web page content";
    private static final byte[] HTML = "<html><body>not a picture</body></html>".getBytes(StandardCharsets.UTF_8);
    private static final int MB = 1024 * 1024;

    private static MediaServer media;

    @BeforeAll
    static void startMediaServer() {
        media = new MediaServer();
    }

    @AfterAll
    static void stopMediaServer() {
        media.close();
    }

    @Test
    void aPhotoUrlIsFetchedAndItsBytesBecomeTheFile() {
        EmulatedBot bot = emulator.createBot("url_photo_bot", "Url Photo Bot");
        EmulatedUser user = emulator.createUser("Tom", "tom", "en");
        byte[] png = FakeMedia.png();
        String url = media.serve("/images/cat.png", "image/png", png);

        BotApiClient.Answer sent = api.json(bot.token(), "sendPhoto", Map.of("chat_id", user.id(), "photo", url));

        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(200);
        String fileId = sent.result().path("photo").get(0).path("file_id").asText();
        BotApiClient.Answer file = api.json(bot.token(), "getFile", Map.of("file_id", fileId));
        HttpResponse<byte[]> download = api.raw("/file/bot" + bot.token() + "/" + file.result().path("file_path").asText());
        assertThat(file.result().path("file_size").asLong()).isEqualTo(png.length);
        assertThat(download.body()).isEqualTo(png);
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id())).singleElement()
                .satisfies(message -> assertThat(message.fileId()).isEqualTo(fileId));
    }

    @Test
    void anUnreachableUrlFailsToGetContent() throws IOException {
        EmulatedBot bot = emulator.createBot("url_dead_bot", "Url Dead Bot");
        EmulatedUser user = emulator.createUser("Uli", "uli", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));

        BotApiClient.Answer refused = sendPhoto(bot, user, "http://127.0.0.1:" + closedPort() + "/cat.png");
        BotApiClient.Answer notFound = sendPhoto(bot, user, media.url("/nothing-here.png"));
        BotApiClient.Answer serverError = sendPhoto(bot, user, media.serve("/broken.png",
                new MediaServer.Response(500, "image/png", FakeMedia.png(), false)));
        BotApiClient.Answer noSuchHost = sendPhoto(bot, user, "http://no-such-host.invalid/cat.png");
        BotApiClient.Answer malformed = sendPhoto(bot, user, "http://");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.description()).isEqualTo(FETCH_FAILED);
        assertThat(notFound.description()).isEqualTo(FETCH_FAILED);
        assertThat(serverError.description()).isEqualTo(FETCH_FAILED);
        assertThat(noSuchHost.description()).isEqualTo(FETCH_FAILED);
        assertThat(malformed.description()).isEqualTo("Bad Request: wrong HTTP URL specified");
        assertThat(emulator.totalMessagesSent(bot.id())).isZero();
    }

    @Test
    void aWebPageOrNonImageBytesAreTheWrongTypeForAPhoto() {
        EmulatedBot bot = emulator.createBot("url_html_bot", "Url Html Bot");
        EmulatedUser user = emulator.createUser("Val", "val", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));

        BotApiClient.Answer page = sendPhoto(bot, user, media.serve("/page.html", "text/html; charset=utf-8", HTML));
        BotApiClient.Answer disguised = sendPhoto(bot, user, media.serve("/fake.jpg", "image/jpeg", HTML));
        BotApiClient.Answer real = sendPhoto(bot, user, media.serve("/real.jpg", "image/jpeg", FakeMedia.jpeg(1000)));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.description()).isEqualTo(WRONG_TYPE);
        assertThat(disguised.description()).isEqualTo(WRONG_TYPE);
        assertThat(real.status()).isEqualTo(200);
    }

    @Test
    void eachKindNeedsItsOwnContentType() {
        EmulatedBot bot = emulator.createBot("url_kinds_bot", "Url Kinds Bot");
        EmulatedUser user = emulator.createUser("Wim", "wim", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));
        byte[] bytes = "some media bytes".getBytes(StandardCharsets.UTF_8);

        assertThat(send(bot, user, "sendVideo", "video", media.serve("/clip.mp4", "video/mp4", bytes)).status()).isEqualTo(200);
        assertThat(send(bot, user, "sendAnimation", "animation", media.serve("/fun.gif", "image/gif", bytes)).status()).isEqualTo(200);
        assertThat(send(bot, user, "sendAudio", "audio", media.serve("/song.mp3", "audio/mpeg", bytes)).status()).isEqualTo(200);
        assertThat(send(bot, user, "sendDocument", "document", media.serve("/report.pdf", "application/pdf", bytes)).status()).isEqualTo(200);
        assertThat(send(bot, user, "sendVideo", "video", media.serve("/clip.html", "text/html", HTML)).description()).isEqualTo(WRONG_TYPE);
        assertThat(send(bot, user, "sendAudio", "audio", media.serve("/song.html", "text/html", HTML)).description()).isEqualTo(WRONG_TYPE);
        // sendDocument by URL works for GIF, PDF and ZIP only
        assertThat(send(bot, user, "sendDocument", "document", media.serve("/notes.txt", "text/plain", bytes)).description())
                .isEqualTo(WRONG_TYPE);
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id())).extracting(ReceivedMessage::method)
                .containsExactly("sendVideo", "sendAnimation", "sendAudio", "sendDocument");
    }

    @Test
    void filesOverTheUrlSizeLimitsFailToGetContent() {
        EmulatedBot bot = emulator.createBot("url_big_bot", "Url Big Bot");
        EmulatedUser user = emulator.createUser("Xan", "xan", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));

        BotApiClient.Answer photoAtLimit = sendPhoto(bot, user, media.serve("/5mb.jpg", "image/jpeg", FakeMedia.jpeg(5 * MB)));
        BotApiClient.Answer photoOver = sendPhoto(bot, user, media.serve("/5mb-plus.jpg", "image/jpeg", FakeMedia.jpeg(5 * MB + 1)));
        BotApiClient.Answer videoOverPhotoLimit = send(bot, user, "sendVideo", "video",
                media.serve("/6mb.mp4", "video/mp4", new byte[6 * MB]));
        BotApiClient.Answer documentOverStreamed = send(bot, user, "sendDocument", "document", media.serve("/20mb-plus.pdf",
                new MediaServer.Response(200, "application/pdf", new byte[20 * MB + 1], true)));

        assertThat(photoAtLimit.status()).isEqualTo(200);
        assertThat(photoOver.status()).isEqualTo(400);
        assertThat(photoOver.description()).isEqualTo(FETCH_FAILED);
        assertThat(videoOverPhotoLimit.status()).isEqualTo(200);
        assertThat(documentOverStreamed.description()).isEqualTo(FETCH_FAILED);
    }

    @Test
    void uploadedBytesThatAreNoImageCannotBeAPhoto() {
        EmulatedBot bot = emulator.createBot("upload_text_bot", "Upload Text Bot");
        EmulatedUser user = emulator.createUser("Yul", "yul", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));

        BotApiClient.Answer photo = api.multipart(bot.token(), "sendPhoto", Map.of("chat_id", String.valueOf(user.id())),
                "photo", "notes.png", HTML);
        BotApiClient.Answer document = api.multipart(bot.token(), "sendDocument", Map.of("chat_id", String.valueOf(user.id())),
                "document", "notes.html", HTML);

        assertThat(photo.status()).isEqualTo(400);
        assertThat(photo.description()).isEqualTo("Bad Request: IMAGE_PROCESS_FAILED");
        assertThat(document.status()).isEqualTo(200);
    }

    @Test
    void anAlbumNamesTheItemWhoseUrlFailed() throws IOException {
        EmulatedBot bot = emulator.createBot("url_album_bot", "Url Album Bot");
        EmulatedUser user = emulator.createUser("Zed", "zed", "en");
        String good = media.serve("/album/1.png", "image/png", FakeMedia.png());

        BotApiClient.Answer dead = api.json(bot.token(), "sendMediaGroup", Map.of("chat_id", user.id(), "media", List.of(
                Map.of("type", "photo", "media", good),
                Map.of("type", "photo", "media", "http://127.0.0.1:" + closedPort() + "/2.png"))));
        BotApiClient.Answer page = api.json(bot.token(), "sendMediaGroup", Map.of("chat_id", user.id(), "media", List.of(
                Map.of("type", "photo", "media", good),
                Map.of("type", "photo", "media", good),
                Map.of("type", "photo", "media", media.serve("/album/3.html", "text/html", HTML)))));

        assertThat(dead.status()).isEqualTo(400);
        assertThat(dead.description())
                .isEqualTo("Bad Request: failed to send message #2 with the error message \"WEBPAGE_CURL_FAILED\"");
        assertThat(page.description())
                .isEqualTo("Bad Request: failed to send message #3 with the error message \"WEBPAGE_MEDIA_EMPTY\"");
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id())).isEmpty();
    }

    /** Telegram takes the media only for a send that is otherwise valid and allowed. */
    @Test
    void aSendRefusedForOtherReasonsDoesNotFetch() {
        EmulatedBot bot = emulator.createBot("url_lazy_bot", "Url Lazy Bot");
        EmulatedUser user = emulator.createUser("Cid", "cid", "en");
        EmulatedUser blocker = emulator.createUser("Dot", "dot", "en");
        emulator.userBlocksBot(bot.id(), blocker.id());
        String url = media.serve("/lazy.png", "image/png", FakeMedia.png());

        BotApiClient.Answer longCaption = api.json(bot.token(), "sendPhoto",
                Map.of("chat_id", user.id(), "photo", url, "caption", "c".repeat(1025)));
        BotApiClient.Answer blocked = sendPhoto(bot, blocker, url);
        BotApiClient.Answer unknownChat = api.json(bot.token(), "sendPhoto", Map.of("chat_id", 42, "photo", url));
        int hitsBefore = media.hits("/lazy.png");
        BotApiClient.Answer sent = sendPhoto(bot, user, url);

        assertThat(longCaption.description()).isEqualTo("Bad Request: message caption is too long");
        assertThat(blocked.description()).isEqualTo("Forbidden: bot was blocked by the user");
        assertThat(unknownChat.description()).isEqualTo("Bad Request: chat not found");
        assertThat(hitsBefore).isZero();
        assertThat(sent.status()).isEqualTo(200);
        assertThat(media.hits("/lazy.png")).isEqualTo(1);
    }

    @Test
    void fetchingCanBeSwitchedOffForTestsWhoseUrlsPointNowhere() {
        EmulatedBot bot = emulator.createBot("url_off_bot", "Url Off Bot");
        EmulatedUser user = emulator.createUser("Abe", "abe", "en");
        try {
            control.ok("PUT", "/control/media-urls", Map.of("fetch", false));
            BotApiClient.Answer unseen = sendPhoto(bot, user, "https://cdn.example.invalid/p.jpg");
            assertThat(unseen.status()).isEqualTo(200);
        } finally {
            control.ok("PUT", "/control/media-urls", Map.of("fetch", true));
        }
        assertThat(sendPhoto(bot, emulator.createUser("Bea", null, null), "https://cdn.example.invalid/p.jpg").description())
                .isEqualTo(FETCH_FAILED);
    }

    private static BotApiClient.Answer sendPhoto(EmulatedBot bot, EmulatedUser user, String url) {
        return send(bot, user, "sendPhoto", "photo", url);
    }

    private static BotApiClient.Answer send(EmulatedBot bot, EmulatedUser user, String method, String field, String url) {
        return api.json(bot.token(), method, Map.of("chat_id", user.id(), field, url));
    }

    /** A loopback port nothing listens on: connecting to it is refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
