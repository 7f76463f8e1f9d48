package io.botfleet.bench;

import static io.botfleet.bench.BenchMain.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.bots.BotsModule;
import io.botfleet.shared.json.Json;
import io.botfleet.telegram.emulator.EmulatedBot;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cold start: a fresh JVM from process start to its first handled webhook response, AWS clients created and the
 * first Secrets Manager, DynamoDB and SQS calls made against the local stack; median of 5, alternating with the
 * floor (a trivial handler in the same kind of JVM), and the ratio. The JVM flags are the template's
 * (JAVA_TOOL_OPTIONS comes with the function environment).
 */
final class ColdStartBench {
    static final int RUNS = 5;

    private ColdStartBench() {}

    static void run() throws Exception {
        try (BenchStack stack = new BenchStack()) {
            BotsModule bots = stack.bots();
            EmulatedBot bot = stack.telegram.createBot("cold_bot", "Cold");
            bots.registry().register(bot.token(), "bench", Optional.empty());
            String botId = Long.toString(bot.id());
            String secret = bots.registry().webhookSecrets().secretFor(botId, bots.ownership().current(botId).orElseThrow().epoch());
            Map<String, String> env = stack.env("WebhookFunction").variables();
            String classpath = deployedClasspath();
            // an AppCDS archive as it would be built at packaging time: one training run that dumps what it loaded
            Path archive = Files.createTempDirectory("cds").resolve("webhook.jsa");
            Path training = Files.createTempFile("webhook-event", ".json");
            Files.writeString(training, event(botId, secret, 2_999_999_999L));
            timeProbe("webhook", training, env, classpath, List.of("-XX:ArchiveClassesAtExit=" + archive));
            List<Long> webhook = new ArrayList<>();
            List<Long> withCds = new ArrayList<>();
            List<Long> trivial = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                Path event = Files.createTempFile("webhook-event", ".json");
                Files.writeString(event, event(botId, secret, 3_000_000_000L + 2 * run));
                trivial.add(timeProbe("trivial", event, env, classpath, List.of()));
                webhook.add(timeProbe("webhook", event, env, classpath, List.of()));
                Files.writeString(event, event(botId, secret, 3_000_000_001L + 2 * run));
                withCds.add(timeProbe("webhook", event, env, classpath, List.of("-XX:SharedArchiveFile=" + archive)));
                Files.delete(event);
            }
            double w = median(webhook);
            double c = median(withCds);
            double t = median(trivial);
            System.out.println("# webhook runs (ms): " + webhook + "; with AppCDS: " + withCds + "; trivial runs (ms): " + trivial);
            bench("coldstart.webhook_first_response_median", w / 1000.0, "s", "target<=1.0");
            bench("coldstart.webhook_appcds_first_response_median", c / 1000.0, "s", "target<=1.0");
            bench("coldstart.trivial_first_response_median", t / 1000.0, "s", "info (floor)");
            bench("coldstart.webhook_over_trivial", w / t, "ratio", "info");
            bench("coldstart.appcds_gain", 1 - c / w, "ratio", "info");
        }
        System.out.println("BENCH-END coldstart");
    }

    static String event(String botId, String secret, long updateId) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("version", "2.0").put("rawPath", "/telegram/" + botId);
        e.putObject("pathParameters").put("botId", botId);
        e.putObject("headers").put("x-telegram-bot-api-secret-token", secret).put("content-type", "application/json");
        e.putObject("requestContext").putObject("http").put("method", "POST").put("sourceIp", "127.0.0.1");
        e.put("body", "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":1,\"date\":1700000000,\"text\":\"/start cold\","
                + "\"chat\":{\"id\":777,\"type\":\"private\",\"first_name\":\"C\"},\"from\":{\"id\":777,\"is_bot\":false,\"first_name\":\"C\"}}}");
        e.put("isBase64Encoded", false);
        return e.toString();
    }

    /**
     * What Lambda loads: the deployment artifact (functions/target/functions-aws.jar) plus the probe, not this
     * benchmark's whole class path.
     */
    static String deployedClasspath() throws Exception {
        Path jar = io.botfleet.local.template.SamTemplate.locate().getParent().resolve("functions/target/functions-aws.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the deployment artifact first: mvn -q package -DskipTests (" + jar + ")");
        }
        return jar + java.io.File.pathSeparator + probeJar();
    }

    /** The probe's classes in a jar of their own: a class-data-sharing archive accepts only jars on the class path. */
    static Path probeJar() throws Exception {
        Path jar = Files.createTempFile("coldstart-probe", ".jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> type : List.of(ColdStartProbe.class, ColdStartProbe.TrivialHandler.class)) {
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

    static long timeProbe(String mode, Path event, Map<String, String> env, String classpath, List<String> jvmFlags)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", classpath, ColdStartProbe.class.getName(), mode, event.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        long start = System.nanoTime();
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PHASES")) {
                    System.out.println("# " + mode + " " + line);
                }
                if (line.startsWith("RESPONSE ")) {
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    if (!line.contains("\"statusCode\":200")) {
                        throw new IllegalStateException(mode + " answered " + line);
                    }
                    p.waitFor();
                    return ms;
                }
            }
        }
        throw new IllegalStateException(mode + " probe printed no response (exit " + p.waitFor() + ")");
    }

    static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
