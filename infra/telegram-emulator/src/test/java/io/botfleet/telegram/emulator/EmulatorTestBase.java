package io.botfleet.telegram.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;

/** One emulator per test class, with fast webhook retries; every test creates its own bots and users. */
abstract class EmulatorTestBase {

    static final DeliverySettings FAST_DELIVERY =
            new DeliverySettings(Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(200));

    static TelegramEmulator emulator;
    static BotApiClient api;
    static ControlClient control;

    @BeforeAll
    static void startEmulator() {
        emulator = TelegramEmulator.start(0, FAST_DELIVERY);
        api = new BotApiClient(emulator.baseUrl());
        control = new ControlClient(emulator.baseUrl());
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }
}
