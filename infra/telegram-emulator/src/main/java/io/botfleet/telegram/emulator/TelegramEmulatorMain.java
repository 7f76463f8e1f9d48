package io.botfleet.telegram.emulator;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone for the local demo: {@code java ... TelegramEmulatorMain [port]}. The port comes
 * from the first argument, else {@code TELEGRAM_EMULATOR_PORT}, else 8081. A demo bot is created; give it a
 * known token with {@code TELEGRAM_EMULATOR_DEMO_TOKEN} (format {@code <id>:<secret>}) so other processes can
 * be configured with it, otherwise read it from {@code POST /control/bots}. Tokens are only printed masked.
 */
public final class TelegramEmulatorMain {

    private static final int DEFAULT_PORT = 8081;

    private TelegramEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        TelegramEmulator emulator = TelegramEmulator.start(port(args));
        EmulatedBot demo = demoBot(emulator, System.getenv("TELEGRAM_EMULATOR_DEMO_TOKEN"));
        System.out.println("Telegram emulator listening on " + emulator.baseUrl());
        System.out.println("Demo bot @" + demo.username() + " id=" + demo.id() + " token=" + TokenMask.mask(demo.token()));
        System.out.println("Bot API: " + emulator.baseUrl() + "/bot<token>/<method>; control API: " + emulator.baseUrl() + "/control/");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static EmulatedBot demoBot(TelegramEmulator emulator, String token) {
        if (token == null || token.isBlank()) {
            return emulator.createBot("demo_bot", "Demo Bot");
        }
        long id = Long.parseLong(token.substring(0, token.indexOf(':')));
        return emulator.createBot(id, token, "demo_bot", "Demo Bot");
    }

    private static int port(String[] args) {
        if (args.length > 0) {
            return Integer.parseInt(args[0]);
        }
        String fromEnvironment = System.getenv("TELEGRAM_EMULATOR_PORT");
        return fromEnvironment == null || fromEnvironment.isBlank() ? DEFAULT_PORT : Integer.parseInt(fromEnvironment.trim());
    }
}
