package io.botfleet.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in headless Chromium against the whole product: web/e2e/dashboard.e2e.mjs (playwright-core with the
 * system's /usr/bin/chromium) signs up, registers the demo bot, composes and sends a campaign and checks what every
 * simulated user received, a conflicting edit and an analyst's view. It saves screenshots of the main pages under
 * target/screenshots, or, with {@code -Dbotfleet.writeDocs=true}, under docs/screenshots for the user guide (a test run
 * leaves the checkout as it was). The web module is built before this one, so the runner serves this checkout's
 * dashboard. The dead letters page shows two refused events messages with their reason; one is redriven, the other discarded.
 */
class DashboardE2ETest {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(10);

    @Test
    void anAdminRunsACampaignFromTheDashboardAndAnAnalystOnlyLooks() throws IOException, InterruptedException {
        try (LocalRunner runner = LocalRunner.start(RunnerOptions.ephemeral())) {
            assertThat(runner.awaitHealthy(Duration.ofSeconds(90))).isEqualTo(200);
            refusedEventsMessage(runner);
            runScenario(runner);
        }
    }

    /**
     * Two messages the aggregator cannot read, on the events queue as a producer would put them: the runner's
     * aggregator fails them on every delivery and, after the queue's maxReceiveCount, SQS moves them to EventsDlq with
     * the reason the aggregator recorded, well before the scenario reaches the dead letters. Redelivered after 15 s
     * instead of the template's three minutes (still more than the aggregator's 10-second batching window: a shorter
     * timeout would let messages gathered for a batch be delivered again meanwhile and dead-letter good events too).
     * The runner is ephemeral: nothing to restore.
     */
    private static void refusedEventsMessage(LocalRunner runner) {
        var sqs = runner.aws().clients().sqs();
        String queue = runner.aws().resource("EventsQueue").ref();
        sqs.setQueueAttributes(b -> b.queueUrl(queue).attributes(Map.of(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.VISIBILITY_TIMEOUT, "15")));
        for (int i = 0; i < 2; i++) {
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"not\":\"an events message\"}"));
        }
    }

    private static void runScenario(LocalRunner runner) throws IOException, InterruptedException {
        Path root = SamTemplate.locate().getParent();
        assertThat(root.resolve("web/dist/index.html")).as("the dashboard build").isRegularFile();
        assertThat(Path.of("/usr/bin/chromium")).as("Chromium (apt-get install chromium)").isExecutable();
        DemoSetup demo = DemoSetup.create(runner.telegram());
        Path screenshots = Boolean.getBoolean("botfleet.writeDocs") ? root.resolve("docs/screenshots")
                : Path.of("target", "screenshots").toAbsolutePath();

        ProcessBuilder script = new ProcessBuilder("node", "web/e2e/dashboard.e2e.mjs").directory(root.toFile())
                .redirectErrorStream(true);
        // secrets travel in the environment, never on a command line another process could read
        script.environment().putAll(Map.of(
                "BASE_URL", runner.baseUrl().toString(),
                "EMULATOR_URL", runner.telegram().baseUrl(),
                "SETUP_TOKEN", runner.platformKeys().setupToken(),
                "BOT_TOKEN", demo.bot().token(),
                "SCREENSHOT_DIR", screenshots.toString()));
        Process process = script.start();
        // the steps go to this test's output (surefire owns the JVM's own standard output stream)
        Thread.ofVirtual().start(() -> process.inputReader().lines().forEach(System.out::println));
        boolean finished = process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("the browser scenario finished within " + SCRIPT_TIMEOUT).isTrue();
        assertThat(process.exitValue()).as("the browser scenario's exit status (its steps are in the test output)").isZero();
        try (var shots = Files.list(screenshots)) {
            assertThat(shots.map(p -> p.getFileName().toString())).contains("composer.png", "campaign-report.png");
        }
    }
}
