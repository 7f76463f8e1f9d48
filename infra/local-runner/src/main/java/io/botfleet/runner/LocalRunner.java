package io.botfleet.runner;

import static io.botfleet.local.template.SamTemplate.map;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.PhysicalResource;
import io.botfleet.local.template.Intrinsic;
import io.botfleet.local.template.SamTemplate;
import io.botfleet.shared.secrets.PlatformKeys;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole product on one machine: the AWS emulators with every resource of template.yaml, the Telegram Bot API
 * emulator (unless a real Bot API is configured), each function hosted in this JVM behind its template events
 * (HTTP API routes, SQS pollers, schedules), and the dashboard. Start with {@code make run}-like one command (see
 * README); stop with Ctrl-C.
 */
public final class LocalRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalRunner.class);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private LocalAwsStack aws;
    private TelegramEmulator telegram;
    private HttpApiGateway gateway;
    private Map<String, HostedFunction> functions;
    private final List<SqsEventSourcePoller> pollers = new ArrayList<>();

    private LocalRunner() {}

    public static LocalRunner start(RunnerOptions options) {
        LocalRunner runner = new LocalRunner();
        try {
            runner.startAll(options);
            return runner;
        } catch (RuntimeException | IOException e) {
            runner.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private void startAll(RunnerOptions options) throws IOException {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        aws = LocalAwsStack.start(template, options.motoEndpoint(), options.sqsPort());
        resources.add(aws);

        URI telegramBase = options.telegramApiBase().orElse(null);
        if (telegramBase == null) {
            telegram = TelegramEmulator.start(options.telegramPort());
            resources.add(telegram);
            telegramBase = URI.create(telegram.baseUrl());
        }

        // the HTTP server binds first so functions learn the real public URL (for setWebhook) before they start
        int port = options.port() == 0 ? io.botfleet.local.emulators.FreePort.pick() : options.port();
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
        overrides.put("TELEGRAM_API_BASE", telegramBase.toString());
        overrides.put("DASHBOARD_ORIGIN", "http://127.0.0.1:" + port);
        overrides.put("INSTANCE_ID", "local-" + port);
        functions = FunctionHosts.build(aws, overrides);

        gateway = HttpApiGateway.start(port, template, functions, options.dashboard());
        resources.add(gateway);
        startEventSources(template);
    }

    private void startEventSources(SamTemplate template) {
        functions.forEach((id, function) -> FunctionHosts.events(template, id).forEach((name, e) -> {
            Map<String, Object> event = map(e);
            Map<String, Object> props = map(event.get("Properties"));
            switch (String.valueOf(event.get("Type"))) {
                case "SQS" -> {
                    PhysicalResource queue = aws.resource(((Intrinsic.GetAtt) props.get("Queue")).resource());
                    boolean reportFailures = String.valueOf(props.get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
                    int concurrency = Integer.parseInt(String.valueOf(
                            map(props.get("ScalingConfig")).getOrDefault("MaximumConcurrency", "5")));
                    var source = new SqsEventSourcePoller.Source(queue.ref(), queue.attribute("Arn"),
                            Integer.parseInt(String.valueOf(props.getOrDefault("BatchSize", "10"))), reportFailures,
                            Math.min(concurrency, 8));
                    SqsEventSourcePoller poller = new SqsEventSourcePoller(aws.clients().sqs(), source, function).start();
                    pollers.add(poller);
                    resources.add(poller);
                }
                case "Schedule", "ScheduleV2" -> resources.add(ScheduleTimer.start(function, id + name,
                        ScheduleTimer.parseRate(String.valueOf(props.getOrDefault("Schedule", props.get("ScheduleExpression"))))));
                case "HttpApi" -> { } // served by the gateway
                default -> log.warn("{}: event type {} is not run locally", id, event.get("Type"));
            }
        }));
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + gateway.port());
    }

    public LocalAwsStack aws() {
        return aws;
    }

    /** The Telegram emulator, or null when a real Bot API is configured. */
    public TelegramEmulator telegram() {
        return telegram;
    }

    public Map<String, HostedFunction> functions() {
        return functions;
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
    public void close() {
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

    public static void main(String[] args) {
        long started = System.nanoTime();
        RunnerOptions options = RunnerOptions.fromEnvironment(System.getenv());
        LocalRunner runner = LocalRunner.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping the local stack…");
            runner.close();
        }));
        int status = runner.awaitHealthy(Duration.ofSeconds(60));
        double seconds = (System.nanoTime() - started) / 1e9;
        DemoSetup demo = options.demo() && runner.telegram() != null ? DemoSetup.create(runner.telegram()) : null;
        System.out.println(Banner.render(runner, status, seconds, demo));
    }
}
