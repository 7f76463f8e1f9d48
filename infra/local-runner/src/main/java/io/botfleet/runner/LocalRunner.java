package io.botfleet.runner;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.LocalDeployment;
import io.botfleet.local.emulators.FreePort;
import io.botfleet.local.lambda.LocalLambda;
import io.botfleet.local.template.SamTemplate;
import io.botfleet.shared.secrets.PlatformKeys;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole product on one machine: the AWS emulators with every resource of template.yaml, the Telegram Bot API
 * emulator (unless a real Bot API is configured), every function deployed on the local Lambda service behind its
 * template events (HTTP API routes, SQS event sources, schedules), and the dashboard. One command starts it (see
 * README); Ctrl-C or SIGTERM stops it.
 */
public final class LocalRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalRunner.class);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private LocalAwsStack aws;
    private TelegramEmulator telegram;
    private LocalLambda lambda;
    private LocalDeployment deployment;
    private String wsUrl;

    private LocalRunner() {}

    public static LocalRunner start(RunnerOptions options) {
        LocalRunner runner = new LocalRunner();
        try {
            runner.startAll(options);
            return runner;
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    private void startAll(RunnerOptions options) {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        aws = LocalAwsStack.start(template, options.motoEndpoint(), options.sqsPort());
        resources.add(aws);

        URI telegramBase = options.telegramApiBase().orElse(null);
        if (telegramBase == null) {
            telegram = TelegramEmulator.start(options.telegramPort());
            resources.add(telegram);
            telegramBase = URI.create(telegram.baseUrl());
        }

        // the port is fixed before any function starts, so functions learn the public URL they give Telegram
        int port = options.port() == 0 ? FreePort.pick() : options.port();
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
        overrides.put("TELEGRAM_API_BASE", telegramBase.toString());
        overrides.put("DASHBOARD_ORIGIN", "http://127.0.0.1:" + port);
        overrides.put("INSTANCE_ID", "local-" + port);
        lambda = new LocalLambda(aws, SamTemplate.locate().getParent(), options.concurrency(), options.functionLogs());
        resources.add(lambda);
        // known before the deployment starts too: the dashboard's config.json names it
        int webSocketPort = FreePort.pick();
        wsUrl = aws.webSocketUrl(aws.webSocketApiIds().getFirst(), webSocketPort);
        deployment = LocalDeployment.start(aws, lambda, new LocalDeployment.Options(overrides, port,
                new DashboardFiles(options.dashboard(), URI.create("http://127.0.0.1:" + port), wsUrl), true, webSocketPort,
                options.schedulerPoll()));
        resources.add(deployment);
    }

    public URI baseUrl() {
        return URI.create(deployment.api().baseUrl());
    }

    /** WebhookFunction's function URL, on a port of its own as on AWS (ends with "/"): webhooks are {@code <it>telegram/<botId>}. */
    public URI webhookUrl() {
        return URI.create(deployment.functionUrl("WebhookFunction"));
    }

    /** The dashboard's WebSocket (template.yaml's LiveApi, run locally): what config.json gives the browser as wsUrl. */
    public String wsUrl() {
        return wsUrl;
    }

    public LocalAwsStack aws() {
        return aws;
    }

    public LocalLambda lambda() {
        return lambda;
    }

    /** The Telegram emulator, or null when a real Bot API is configured. */
    public TelegramEmulator telegram() {
        return telegram;
    }

    /** The platform's keys as the functions derive them: the runner prints the one-time setup token. */
    public PlatformKeys platformKeys() {
        String json = aws.clients().secrets().getSecretValue(b -> b.secretId(aws.resource("PlatformSecret").ref())).secretString();
        String seed = json.replaceAll(".*\"seed\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        return PlatformKeys.fromSeed(seed);
    }

    /** Polls {@code GET /api/health} until it answers 200. */
    public int awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            try {
                status = http.send(HttpRequest.newBuilder(baseUrl().resolve("/api/health")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return status;
                }
            } catch (IOException e) {
                status = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
            sleep(100);
        }
        return status;
    }

    @Override
    public synchronized void close() {
        if (deployment != null && !resources.isEmpty()) {
            // what each function's role used and never used during this run, for trimming template.yaml
            aws.writeIamReport(Path.of("target", "iam-report-" + deployment.api().port() + ".txt"));
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed", resources.get(i).getClass().getSimpleName(), e);
            }
        }
        resources.clear();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        RunnerOptions options = RunnerOptions.fromEnvironment(System.getenv());
        LocalRunner runner = LocalRunner.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGINT and SIGTERM run the hooks: the emulators and every function process stop with the runner
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping the local stack…");
            runner.close();
            stopped.countDown();
        }));
        int status = runner.awaitHealthy(Duration.ofSeconds(120));
        double seconds = (System.nanoTime() - started) / 1e9;
        DemoSetup demo = options.demo() && runner.telegram() != null ? DemoSetup.create(runner.telegram()) : null;
        System.out.println(Banner.render(runner, status, seconds, demo));
        stopped.await();
    }
}
