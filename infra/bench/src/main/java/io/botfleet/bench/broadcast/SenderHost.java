package io.botfleet.bench.broadcast;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.botfleet.bench.AwsRequestCounter;
import io.botfleet.bench.BenchContext;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.Invoker;
import io.botfleet.local.lambda.sources.SqsEventSource;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The sender function alone in its own JVM, through the template's handler with the raw events Lambda would hand it,
 * polling the send queue like Lambda would: so a benchmark can measure its
 * CPU time apart from everything else and kill it mid-batch. Prints one {@code INVOKE <ms> <records> <start, epoch ms>} line per
 * invocation and, when stopped normally, its AWS request counts ({@code AWS <service.operation> <requests> <wru>}).
 */
public final class SenderHost {
    private SenderHost() {}

    /** The process's peak resident set (Linux VmHWM): what Lambda's memory size must hold. */
    private static long peakRssKb() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmHWM:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The heap's peak use after collections: the live data the sender needs, garbage aside. */
    private static long peakHeapKb() {
        return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP && p.getCollectionUsage() != null)
                .mapToLong(p -> p.getCollectionUsage().getUsed()).sum() / 1024;
    }

    private static RequestStreamHandler handler(String handlerName, Env env) {
        String className = handlerName.substring(0, handlerName.indexOf("::"));
        try {
            return (RequestStreamHandler) Class.forName(className).getConstructor(Env.class).newInstance(env);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the template's sender handler " + handlerName + " takes no Env", e);
        }
    }

    /** How many SQS messages an event carries (for the timeline; read after the invocation, outside its time). */
    private static int records(byte[] event) {
        try {
            return Json.MAPPER.readTree(event).path("Records").size();
        } catch (IOException e) {
            return -1;
        }
    }

    public static void main(String[] args) throws IOException {
        Properties properties = new Properties();
        try (var in = new FileInputStream(args[0])) {
            properties.load(in);
        }
        Map<String, String> variables = new HashMap<>();
        properties.forEach((k, v) -> variables.put((String) k, (String) v));
        Env env = new Env(variables);
        int concurrency = Integer.parseInt(args[1]);
        String queueUrl = args[2];
        // the template's handler, constructed as Lambda constructs it but with the function's environment given
        RequestStreamHandler handler = handler(args[3], env);
        int memoryMb = Integer.parseInt(args[4]);
        java.util.concurrent.atomic.AtomicLong invocations = new java.util.concurrent.atomic.AtomicLong();
        Invoker timed = event -> {
            long t0 = System.nanoTime();
            long start = System.currentTimeMillis();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(event), response,
                        new BenchContext("bench-" + invocations.incrementAndGet(), memoryMb, 120_000));
            } catch (IOException | RuntimeException e) {
                return Invocation.failure(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
            }
            System.out.println("INVOKE " + (System.nanoTime() - t0) / 1_000_000 + " " + records(event) + " " + start);
            return Invocation.success(response.toByteArray());
        };
        PlatformConfig config = PlatformConfig.from(env);
        var sqs = new AwsClientFactory(env, config).sqs();
        var source = new SqsEventSource.Source("SenderFunction", queueUrl, "arn:aws:sqs:us-east-1:123456789012:send.fifo",
                10, true, concurrency);
        SqsEventSource poller = new SqsEventSource(sqs, source, timed).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            poller.close();
            Map<String, Long> units = AwsRequestCounter.writeUnits();
            AwsRequestCounter.requests().forEach((op, n) ->
                    System.out.println("AWS " + op + " " + n + " " + units.getOrDefault(op, 0L)));
            System.out.println("MEMORY " + peakRssKb() + " " + peakHeapKb());
            System.out.flush();
        }));
        System.out.println("READY");
        System.out.flush();
        // the pollers are daemon threads: this JVM lives until it is stopped or killed
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
