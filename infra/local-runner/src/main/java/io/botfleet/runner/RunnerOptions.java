package io.botfleet.runner;

import io.botfleet.local.template.SamTemplate;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the local stack runs, from environment variables (all optional).
 *
 * @param port             LOCAL_PORT: the HTTP API and dashboard (default 8080; 0 = any free port)
 * @param motoEndpoint     AWS_ENDPOINT_URL: moto's server, reused if running, else started there (default :5000)
 * @param sqsPort          LOCAL_SQS_PORT: in-process ElasticMQ (default 9324; 0 = any)
 * @param telegramApiBase  TELEGRAM_API_BASE: a real Bot API; when absent the Telegram emulator runs instead
 * @param telegramPort     TELEGRAM_EMULATOR_PORT: the emulator's port (default 8081; 0 = any)
 * @param dashboard        DASHBOARD_DIR: the built dashboard (default web/dist)
 * @param demo             LOCAL_DEMO: create a demo bot and users in the emulator (default true)
 * @param concurrency      LOCAL_LAMBDA_CONCURRENCY: execution environments per function at most (default 2)
 * @param functionLogs     where the functions' log lines go (the console, prefixed with the function's name)
 * @param schedulerPoll    LOCAL_SCHEDULER_POLL_MS: how often the local EventBridge Scheduler fires due schedules
 *                         (default 1000 ms)
 */
public record RunnerOptions(int port, URI motoEndpoint, int sqsPort, Optional<URI> telegramApiBase, int telegramPort,
                            Path dashboard, boolean demo, int concurrency, Consumer<String> functionLogs,
                            Duration schedulerPoll) {

    public static RunnerOptions fromEnvironment(Map<String, String> env) {
        return new RunnerOptions(
                Integer.parseInt(env.getOrDefault("LOCAL_PORT", "8080")),
                URI.create(env.getOrDefault("AWS_ENDPOINT_URL", "http://127.0.0.1:5000")),
                Integer.parseInt(env.getOrDefault("LOCAL_SQS_PORT", "9324")),
                Optional.ofNullable(env.get("TELEGRAM_API_BASE")).filter(s -> !s.isBlank()).map(URI::create),
                Integer.parseInt(env.getOrDefault("TELEGRAM_EMULATOR_PORT", "8081")),
                Path.of(env.getOrDefault("DASHBOARD_DIR", "web/dist")).toAbsolutePath(),
                !"false".equalsIgnoreCase(env.getOrDefault("LOCAL_DEMO", "true")),
                Integer.parseInt(env.getOrDefault("LOCAL_LAMBDA_CONCURRENCY", "2")),
                System.out::println,
                Duration.ofMillis(Long.parseLong(env.getOrDefault("LOCAL_SCHEDULER_POLL_MS", "1000"))));
    }

    /**
     * Every port picked freshly, for tests that run next to a developer's stack. Function log lines go to stdout,
     * looked up per line, so a test that captures stdout sees them. Schedules fire within a fifth of a second.
     */
    public static RunnerOptions ephemeral() {
        // tests run in their module's folder: the dashboard build is found from the checkout's root
        Path dashboard = SamTemplate.locate().getParent().resolve("web/dist");
        return new RunnerOptions(0, null, 0, Optional.empty(), 0, dashboard, false, 2,
                line -> System.out.println(line), Duration.ofMillis(200));
    }
}
