package io.botfleet.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * For tests of the product as a developer runs it: the whole local stack started by {@link LocalRunner} (ephemeral
 * state), healthy, with the owner signed in through the public API. One stack per test class; the fields are static
 * because JUnit's class-level lifecycle is.
 */
abstract class OnLocalRunner {
    protected static LocalRunner runner;
    protected static ApiClient api;

    @BeforeAll
    static void startRunner() {
        runner = LocalRunner.start(RunnerOptions.ephemeral());
        // a generous bound: the first health check starts ApiFunction's JVM (the start-up figure is a benchmark's)
        assertThat(runner.awaitHealthy(Duration.ofSeconds(90))).isEqualTo(200);
        api = new ApiClient(runner.baseUrl()).signInAsOwner(runner.platformKeys().setupToken());
    }

    @AfterAll
    static void stopRunner() {
        if (runner != null) {
            runner.close();
        }
    }
}
