package io.botfleet.api;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.LocalDeployment;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * For ITs that drive the whole platform end to end on the local stack: a Telegram emulator as its Telegram, the API
 * function with a signed-in owner, and every other function on its template's triggers (queues, streams, S3 events,
 * schedules polled every 100 ms so that a scheduled campaign starts without a second's wait). Links the platform
 * hands out point nowhere ({@code PUBLIC_BASE_URL}): the ITs follow them through the API.
 *
 * <p>Each IT class gets a deployment of its own, started before its tests and closed after them. The fields are
 * static because JUnit's class-level lifecycle is; IT classes run one after another on the one local stack of the
 * test JVM, which is reset between them.
 */
@LocalAws
public abstract class OnDeployedPlatform {
    protected static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Duration SCHEDULER_POLL = Duration.ofMillis(100);

    protected static LocalAwsStack aws;
    protected static TelegramEmulator telegram;
    protected static ApiHarness api;
    protected static ApiHarness.Session owner;
    protected static LocalDeployment deployment;

    @BeforeAll
    static void deployPlatform(LocalAwsStack stack) {
        aws = stack;
        telegram = TelegramEmulator.start(0);
        Map<String, String> environment =
                Map.of("TELEGRAM_API_BASE", telegram.baseUrl(), "PUBLIC_BASE_URL", "http://127.0.0.1:1");
        api = ApiHarness.start(stack, environment);
        owner = api.setupOwner();
        deployment = LocalDeployment.start(stack, stack.lambda(),
                new LocalDeployment.Options(environment, 0, null, true, 0, SCHEDULER_POLL));
    }

    @AfterAll
    static void closePlatform() {
        deployment.close();
        telegram.close();
    }
}
