package io.botfleet.bench.broadcast;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.botfleet.bench.AwsRequestCounter;
import io.botfleet.broadcast.send.DeliveryObserver;
import io.botfleet.broadcast.send.SendSettings;
import io.botfleet.lambda.BroadcastModule;
import io.botfleet.local.lambda.sources.SqsEventSource;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The sender function alone in its own JVM, polling the send queue like Lambda would: so a benchmark can measure its
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
        Function<SQSEvent, SQSBatchResponse> sender = BroadcastModule.fromEnv(env)
                .senderFunction(SendSettings.DEFAULTS, BroadcastModule.senderBudget(env), DeliveryObserver.NONE);
        Function<SQSEvent, SQSBatchResponse> timed = event -> {
            long t0 = System.nanoTime();
            long start = System.currentTimeMillis();
            SQSBatchResponse response = sender.apply(event);
            System.out.println("INVOKE " + (System.nanoTime() - t0) / 1_000_000 + " " + event.getRecords().size() + " " + start);
            return response;
        };
        PlatformConfig config = PlatformConfig.from(env);
        var sqs = new AwsClientFactory(env, config).sqs();
        var source = new SqsEventSource.Source("SenderFunction", queueUrl, "arn:aws:sqs:us-east-1:123456789012:send.fifo",
                10, true, concurrency);
        SqsEventSource poller = new SqsEventSource(sqs, source, new InProcessSender(timed)).start();
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
