package io.botfleet.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.broadcast.content.InlineButton;
import io.botfleet.broadcast.content.Media;
import io.botfleet.broadcast.content.MediaKind;
import io.botfleet.broadcast.content.MessageContent;
import io.botfleet.broadcast.content.ParseMode;
import io.botfleet.broadcast.content.TelegramSendRequest;
import io.botfleet.broadcast.content.TelegramSendRequests;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.EmulatedUser;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request the sender can build (text, and media of every kind the content model knows) is served by the
 * Telegram emulator: a kind the emulator lacks would fail every such campaign locally with a 404, and the tests would
 * never have sent one.
 */
class EmulatorServesWhatThePlatformSendsTest {
    /** What Telegram accepts by URL for each kind: an image's bytes for a photo, the MIME family for the rest. */
    private static final Map<MediaKind, String> CONTENT_TYPES = Map.of(
            MediaKind.PHOTO, "image/png", MediaKind.VIDEO, "video/mp4", MediaKind.ANIMATION, "image/gif",
            MediaKind.DOCUMENT, "application/pdf");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0};

    private static TelegramEmulator telegram;
    private static TelegramBotApi api;
    private static EmulatedBot bot;
    /** Serves the media the requests name: the emulator fetches URL media as Telegram does. */
    private static HttpServer media;

    @BeforeAll
    static void start() throws IOException {
        media = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        media.createContext("/", exchange -> {
            MediaKind kind = MediaKind.valueOf(exchange.getRequestURI().getPath().substring(1));
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPES.get(kind));
            exchange.sendResponseHeaders(200, PNG.length);
            exchange.getResponseBody().write(PNG);
            exchange.close();
        });
        media.start();
        telegram = TelegramEmulator.start(0);
        api = TelegramBotApi.create(URI.create(telegram.baseUrl()));
        bot = telegram.createBot("contract_bot", "Contract");
    }

    @AfterAll
    static void stop() {
        telegram.close();
        media.stop(0);
    }

    static Stream<MessageContent> everythingTheSenderSends() {
        List<MessageContent> contents = new ArrayList<>();
        List<List<InlineButton>> keyboard = List.of(List.of(InlineButton.link("Open", "https://example.com/a")));
        contents.add(new MessageContent("<b>Hello</b>", ParseMode.HTML, List.of(), null, keyboard, false, false));
        for (MediaKind kind : MediaKind.values()) {
            String url = "http://127.0.0.1:" + media.getAddress().getPort() + "/" + kind.name();
            contents.add(new MessageContent("caption", ParseMode.NONE, List.of(), new Media(kind, url, null, null), List.of(), true, true));
        }
        return contents.stream();
    }

    @ParameterizedTest
    @MethodSource("everythingTheSenderSends")
    void theEmulatorAnswersItAsTelegramWould(MessageContent content) {
        // a chat of its own: one message per chat per second is Telegram's limit
        EmulatedUser user = telegram.createUser("Ann", null, "en");
        TelegramSendRequest request = TelegramSendRequests.forChat(content, user.id(), false, null);
        var result = api.call(bot.token(), request.method(), request.parameters());
        assertThat(result.path("message_id").asLong()).as(request.method()).isPositive();
        assertThat(telegram.calls(bot.id())).anySatisfy(call -> assertThat(call.method()).isEqualTo(request.method()));
    }
}
