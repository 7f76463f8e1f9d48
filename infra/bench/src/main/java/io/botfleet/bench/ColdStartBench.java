package io.botfleet.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.lambda.BotsModule;
import io.botfleet.local.lambda.LambdaJvm;
import io.botfleet.local.lambda.TaskRoot;
import io.botfleet.local.template.SamTemplate;
import io.botfleet.shared.json.Json;
import io.botfleet.telegram.emulator.EmulatedBot;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cold start: a fresh JVM from process start to its first handled response, each function on its own deployment
 * artifact (the jar its template CodeUri names, unpacked as Lambda unpacks it into /var/task) and built from its
 * template Handler, as the Lambda runtime does: the
 * webhook with its AWS clients created, answering an ordinary message (its bot read, the update recorded) against
 * the local stack, and apart a new subscriber's {@code /start} (a status change: the subscriber read, a transaction,
 * the welcome); the API answering {@code GET /api/health}, the heartbeat beating once. Medians of {@code bench.runs} (5),
 * the webhook alternating with the floor (a trivial handler in the same kind of JVM), and their ratio. JVM flags:
 * the template's (JAVA_TOOL_OPTIONS comes with the function environment) and those Lambda's Java runtime starts the
 * JVM with for the function's memory ({@link LambdaJvm}).
 */
final class ColdStartBench {
    static final int RUNS = Integer.getInteger("bench.runs", 5);
    /** Extra JVM flags for every probe, for profiling: e.g. {@code -Dbench.flags=-Xlog:class+load:file=cl-%p.txt}. */
    static final List<String> EXTRA_FLAGS = System.getProperty("bench.flags", "").isBlank()
            ? List.of() : List.of(System.getProperty("bench.flags").trim().split("\\s+"));
    /** {@code -Dbench.webhookOnly=true}: only the webhook and the floor, for quick before/after comparisons. */
    static final boolean WEBHOOK_ONLY = Boolean.getBoolean("bench.webhookOnly");
    /** {@code -Dbench.baselineJar=path}: an older webhook artifact, run alternately with the current one. */
    static final String BASELINE_JAR = System.getProperty("bench.baselineJar", "");
    /**
     * {@code -Dbench.baselineToolOptions=...}: the baseline's {@code JAVA_TOOL_OPTIONS} (by default the template's), to
     * compare a change of the template's JVM flags within one run.
     */
    static final String BASELINE_TOOL_OPTIONS = System.getProperty("bench.baselineToolOptions");
    /**
     * {@code -Dbench.variants=name=flags;name=flags}: the current webhook again with extra JVM flags (or a class path
     * entry instead of its jar: {@code name=@path}), alternating with the others, to try settings within one run.
     */
    static final List<String> VARIANTS = System.getProperty("bench.variants", "").isBlank()
            ? List.of() : List.of(System.getProperty("bench.variants").split(";"));

    private ColdStartBench() {}

    /** A function as deployed: its artifact, its handler class and its environment. */
    record Deployed(String name, Path artifact, String handler, Map<String, String> env, int memoryMb) {
        static Deployed of(SamTemplate template, Path root, String logicalId, Map<String, String> env) {
            SamTemplate.Resource function = template.resources().get(logicalId);
            Object codeUri = function.property("CodeUri") != null ? function.property("CodeUri") : template.functionGlobals().get("CodeUri");
            Path artifact = root.resolve(String.valueOf(codeUri));
            if (!Files.isRegularFile(artifact)) {
                throw new IllegalStateException("build the deployment artifacts first: mvn -q package -DskipTests (" + artifact + ")");
            }
            String handler = String.valueOf(function.property("Handler"));
            return new Deployed(logicalId, artifact, handler.substring(0, handler.indexOf("::")), env, AwsCost.memoryMb(logicalId));
        }

        Deployed withHandler(String name, String handlerClass) {
            return new Deployed(name, artifact, handlerClass, env, memoryMb);
        }

        Deployed withArtifact(String name, Path otherArtifact) {
            return new Deployed(name, otherArtifact, handler, env, memoryMb);
        }

        Deployed withToolOptions(String options) {
            Map<String, String> changed = new java.util.HashMap<>(env);
            changed.put("JAVA_TOOL_OPTIONS", options);
            return new Deployed(name, artifact, handler, Map.copyOf(changed), memoryMb);
        }
    }

    static void run() throws Exception {
        Path templateFile = SamTemplate.locate();
        SamTemplate template = SamTemplate.load(templateFile);
        Path root = templateFile.getParent();
        Path probe = probeJar();
        try (BenchStack stack = new BenchStack()) {
            BotsModule bots = stack.bots();
            EmulatedBot bot = stack.telegram.createBot("cold_bot", "Cold");
            bots.registry().register(bot.token(), "bench");
            String botId = Long.toString(bot.id());
            String secret = bots.registry().webhookSecrets().secretFor(botId, bots.ownership().current(botId).orElseThrow().epoch());
            Deployed webhook = Deployed.of(template, root, "WebhookFunction", stack.env("WebhookFunction").variables());
            Deployed trivial = webhook.withHandler("trivial", ColdStartProbe.TrivialHandler.class.getName());
            Deployed api = Deployed.of(template, root, "ApiFunction", stack.env("ApiFunction").variables());
            Deployed heartbeat = Deployed.of(template, root, "HeartbeatFunction", stack.env("HeartbeatFunction").variables());
            Path apiEvent = root.resolve("infra/events/api-health.json");
            Path scheduledEvent = Files.createTempFile("scheduled-event", ".json");
            Files.writeString(scheduledEvent, "{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\",\"detail\":{}}");
            System.out.println("# artifacts: webhook " + describe(webhook.artifact()) + "; api, heartbeat " + describe(api.artifact()));
            // an AppCDS archive as it would be built at packaging time: one training run that dumps what it loaded
            Path archive = Files.createTempDirectory("cds").resolve("webhook.jsa");
            if (!WEBHOOK_ONLY) {
                Path training = Files.createTempFile("webhook-event", ".json");
                Files.writeString(training, event(botId, secret, 2_999_999_999L));
                timeProbe(webhook.withArtifact("cds-training", webhook.artifact()), training, probe, "\"statusCode\":200", List.of("-XX:ArchiveClassesAtExit=" + archive));
            }
            List<Long> webhookRuns = new ArrayList<>();
            List<Long> withCds = new ArrayList<>();
            List<Long> trivialRuns = new ArrayList<>();
            List<Long> apiRuns = new ArrayList<>();
            List<Long> baselineRuns = new ArrayList<>();
            List<Long> startRuns = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                Path event = Files.createTempFile("webhook-event", ".json");
                Files.writeString(event, event(botId, secret, 3_000_000_000L + 2 * run));
                trivialRuns.add(timeProbe(trivial, event, probe, "\"statusCode\":200", List.of()));
                webhookRuns.add(timeProbe(webhook, event, probe, "\"statusCode\":200", List.of()));
                Files.writeString(event, startEvent(botId, secret, 5_000_000_000L + run, 900_000L + run));
                startRuns.add(timeProbe(webhook.withHandler("webhook /start", webhook.handler()), event, probe, "\"statusCode\":200", List.of()));
                if (!BASELINE_JAR.isBlank()) {
                    Files.writeString(event, event(botId, secret, 4_000_000_000L + run));
                    Deployed baseline = webhook.withArtifact("baseline", Path.of(BASELINE_JAR));
                    baselineRuns.add(timeProbe(BASELINE_TOOL_OPTIONS == null ? baseline : baseline.withToolOptions(BASELINE_TOOL_OPTIONS),
                            event, probe, "\"statusCode\":200", List.of()));
                }
                for (int v = 0; v < VARIANTS.size(); v++) {
                    String[] variant = VARIANTS.get(v).split("=", 2);
                    Files.writeString(event, event(botId, secret, 6_000_000_000L + 100L * v + run));
                    boolean path = variant[1].startsWith("@");
                    Deployed varied = path ? webhook.withArtifact(variant[0], Path.of(variant[1].substring(1))) : webhook.withArtifact(variant[0], webhook.artifact());
                    VARIANT_MS.computeIfAbsent(variant[0], n -> new ArrayList<>()).add(timeProbe(varied, event, probe, "\"statusCode\":200",
                            path || variant[1].isBlank() ? List.of() : List.of(variant[1].trim().split("\\s+"))));
                }
                if (WEBHOOK_ONLY) {
                    continue;
                }
                Files.writeString(event, event(botId, secret, 3_000_000_001L + 2 * run));
                withCds.add(timeProbe(webhook.withArtifact("WebhookFunction with AppCDS", webhook.artifact()), event, probe, "\"statusCode\":200", List.of("-XX:SharedArchiveFile=" + archive)));
                Files.delete(event);
                apiRuns.add(timeProbe(api, apiEvent, probe, "\"statusCode\":200", List.of()));
            }
            // after the webhook runs: a beat may move the bot's lease, and the webhook's secret follows the lease epoch
            List<Long> heartbeatRuns = new ArrayList<>();
            for (int run = 0; run < (WEBHOOK_ONLY ? 0 : RUNS); run++) {
                heartbeatRuns.add(timeProbe(heartbeat, scheduledEvent, probe, "\"instanceId\":\"primary\"", List.of()));
            }
            double w = median(webhookRuns);
            double t = median(trivialRuns);
            System.out.println("# runs (ms): webhook " + webhookRuns + "; webhook with AppCDS " + withCds + "; trivial " + trivialRuns
                    + "; api " + apiRuns + "; heartbeat " + heartbeatRuns);
            Bench.figure("coldstart.webhook_first_response_median", w / 1000.0, "s", "target<=1.0");
            Bench.figure("coldstart.trivial_first_response_median", t / 1000.0, "s", "info (floor)");
            Bench.figure("coldstart.webhook_ratio_to_trivial", w / t, "ratio", "info");
            Bench.figure("coldstart.webhook_cpu_median", median(CPU_MS.get(webhook.name())) / 1000.0, "s", "info (steadier than wall time under load)");
            Bench.figure("coldstart.trivial_cpu_median", median(CPU_MS.get(trivial.name())) / 1000.0, "s", "info");
            System.out.println("# /start of a new subscriber runs (ms): " + startRuns);
            Bench.figure("coldstart.webhook_start_first_response_median", median(startRuns) / 1000.0, "s",
                    "info (a new subscriber's /start: a status change in a transaction, and the welcome)");
            Bench.figure("coldstart.webhook_start_cpu_median", median(CPU_MS.get("webhook /start")) / 1000.0, "s", "info");
            if (!baselineRuns.isEmpty()) {
                System.out.println("# baseline runs (ms): " + baselineRuns);
                Bench.figure("coldstart.baseline_first_response_median", median(baselineRuns) / 1000.0, "s", "info");
                Bench.figure("coldstart.webhook_to_baseline", w / median(baselineRuns), "ratio", "info");
                Bench.figure("coldstart.baseline_cpu_median", median(CPU_MS.get("baseline")) / 1000.0, "s", "info");
            }
            VARIANT_MS.forEach((name, ms) -> System.out.printf(java.util.Locale.ROOT,
                    "# variant %s: wall median %.3f s %s, cpu median %.3f s %s%n", name, median(ms) / 1000.0, ms, median(CPU_MS.get(name)) / 1000.0, CPU_MS.get(name)));
            if (WEBHOOK_ONLY) {
                System.out.println("BENCH-END coldstart");
                return;
            }
            double c = median(withCds);
            Bench.figure("coldstart.webhook_appcds_first_response_median", c / 1000.0, "s", "info");
            Bench.figure("coldstart.appcds_gain", 1 - c / w, "ratio", "info");
            Bench.figure("coldstart.api_first_response_median", median(apiRuns) / 1000.0, "s", "info");
            Bench.figure("coldstart.heartbeat_first_response_median", median(heartbeatRuns) / 1000.0, "s", "info");
        }
        System.out.println("BENCH-END coldstart");
    }

    private static String describe(Path jar) throws java.io.IOException {
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            long classes = zip.stream().filter(e -> e.getName().endsWith(".class")).count();
            return String.format(java.util.Locale.ROOT, "%s (%.1f MB, %d classes)", jar.getFileName(), Files.size(jar) / 1e6, classes);
        }
    }

    /** An ordinary message from a subscriber: what most cold starts answer. */
    static String event(String botId, String secret, long updateId) {
        return event(botId, secret, updateId, 777, "hello");
    }

    /** A {@code /start} from a chat the bot has never seen: a status change, answered with the welcome. */
    static String startEvent(String botId, String secret, long updateId, long chat) {
        return event(botId, secret, updateId, chat, "/start cold");
    }

    private static String event(String botId, String secret, long updateId, long chat, String text) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        // the function URL's event: the bot from the raw path, no path parameters
        e.put("version", "2.0").put("routeKey", "$default").put("rawPath", "/telegram/" + botId).put("rawQueryString", "");
        e.putObject("headers").put("x-telegram-bot-api-secret-token", secret).put("content-type", "application/json");
        e.putObject("requestContext").put("routeKey", "$default").put("stage", "$default")
                .putObject("http").put("method", "POST").put("path", "/telegram/" + botId).put("sourceIp", "127.0.0.1");
        e.put("body", "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":1,\"date\":1700000000,\"text\":\"" + text + "\","
                + "\"chat\":{\"id\":" + chat + ",\"type\":\"private\",\"first_name\":\"C\"},\"from\":{\"id\":" + chat
                + ",\"is_bot\":false,\"first_name\":\"C\"}}}");
        e.put("isBase64Encoded", false);
        return e.toString();
    }

    /** The probe's classes in a jar of their own: a class-data-sharing archive accepts only jars on the class path. */
    static Path probeJar() throws Exception {
        Path jar = Files.createTempFile("coldstart-probe", ".jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> type : List.of(ColdStartProbe.class, ColdStartProbe.TrivialHandler.class, BenchContext.class)) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new java.util.jar.JarEntry(entry));
                try (var in = type.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    /**
     * What Lambda loads: the function's artifact plus the probe, not this benchmark's class path; the probe prints
     * the handler's response, which must contain {@code expected}.
     */
    static long timeProbe(Deployed function, Path event, Path probe, String expected, List<String> jvmFlags) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(LambdaJvm.memoryFlags(function.memoryMb()));
        command.addAll(jvmFlags);
        command.addAll(EXTRA_FLAGS);
        // Lambda runs a function from its package unpacked into /var/task, as the local stack does; an AppCDS archive
        // (the probes that try one) can only be made from and used with jars
        boolean appCds = jvmFlags.stream().anyMatch(flag -> flag.contains("SharedArchiveFile") || flag.contains("ArchiveClassesAtExit"));
        Path code = appCds || Files.isDirectory(function.artifact()) ? function.artifact() : TaskRoot.of(function.artifact());
        command.addAll(List.of("-cp", code + File.pathSeparator + probe,
                ColdStartProbe.class.getName(), function.handler(), event.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(function.env());
        pb.redirectErrorStream(true);
        long start = System.nanoTime();
        Process p = pb.start();
        long ms = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESPONSE ")) {
                    ms = (System.nanoTime() - start) / 1_000_000;
                    if (!line.contains(expected)) {
                        throw new IllegalStateException(function.name() + " answered " + line);
                    }
                }
                if (line.startsWith("PHASES")) {
                    System.out.println("# " + function.name() + " " + ms + " ms to the response; " + line);
                    CPU_MS.computeIfAbsent(function.name(), n -> new ArrayList<>()).add(cpuMs(line));
                }
            }
        }
        p.waitFor();
        if (ms < 0) {
            throw new IllegalStateException(function.name() + " probe printed no response (exit " + p.exitValue() + ")");
        }
        return ms;
    }

    /** Each variant's time to its first response, by name. */
    static final Map<String, List<Long>> VARIANT_MS = new java.util.LinkedHashMap<>();

    /** Each probe's process CPU until its response, by function name. */
    static final Map<String, List<Long>> CPU_MS = new java.util.concurrent.ConcurrentHashMap<>();

    private static long cpuMs(String phases) {
        String[] words = phases.split(" ");
        return Long.parseLong(words[words.length - 2]);
    }

    static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
