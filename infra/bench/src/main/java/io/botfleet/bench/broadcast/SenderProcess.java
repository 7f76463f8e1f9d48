package io.botfleet.bench.broadcast;

import io.botfleet.bench.ChildJvm;
import io.botfleet.bench.ProcessCpu;
import io.botfleet.local.lambda.FunctionSpec;
import io.botfleet.local.lambda.LambdaJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The parent's handle on a {@link SenderHost} child JVM: start, stop (with its figures) or kill -9. */
final class SenderProcess {
    private final ChildJvm jvm;

    private SenderProcess(ChildJvm jvm) {
        this.jvm = jvm;
    }

    /**
     * One of the template's sender functions polling {@code queueUrl}: its handler and environment, in a JVM started
     * as Lambda's java21 runtime starts it for the function's memory: the heap sized from the memory, the serial
     * collector, and the template's {@code JAVA_TOOL_OPTIONS}, so its CPU and memory are what deploys.
     */
    static SenderProcess start(FunctionSpec function, int concurrency, String queueUrl) {
        Map<String, String> env = function.environment();
        int memoryMb = function.memoryMb();
        try {
            Path envFile = Files.createTempFile("sender-env", ".properties");
            Properties p = new Properties();
            p.putAll(env);
            try (Writer w = Files.newBufferedWriter(envFile)) {
                p.store(w, "sender environment");
            }
            List<String> options = new ArrayList<>(LambdaJvm.memoryFlags(memoryMb));
            String toolOptions = env.getOrDefault("JAVA_TOOL_OPTIONS", "");
            if (!toolOptions.isBlank()) {
                options.addAll(List.of(toolOptions.trim().split("\\s+")));
            }
            // e.g. -Dbench.senderJvm=-XX:StartFlightRecording=filename=/tmp/sender.jfr to profile the sender
            return new SenderProcess(ChildJvm.start("sender", options, "bench.senderJvm", SenderHost.class,
                    List.of(envFile.toString(), Integer.toString(concurrency), queueUrl, function.handler(),
                            Integer.toString(memoryMb)), "READY"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ProcessCpu cpu() {
        return new ProcessCpu("sender", jvm.handle());
    }

    /** Stops it like Lambda would retire it (SIGTERM) and returns what it printed. */
    Figures stop() {
        return Figures.parse(jvm.stop());
    }

    /** kill -9: no shutdown hook, requests in flight are abandoned. */
    void kill() {
        jvm.kill();
    }

    /** One invocation of the sender: when it started, how long it ran, how many SQS messages it had. */
    record Invoke(java.time.Instant start, long millis, int records) {}

    /** @param peakRssKb the sender JVM's peak resident memory; {@code peakHeapKb} its heap's peak use after a GC */
    record Figures(List<Invoke> invocations, long invocationMillis, Map<String, long[]> aws, long peakRssKb, long peakHeapKb) {
        static Figures parse(List<String> lines) {
            List<Invoke> invocations = new ArrayList<>();
            long millis = 0;
            long rss = 0;
            long heap = 0;
            Map<String, long[]> aws = new TreeMap<>();
            for (String line : lines) {
                String[] parts = line.split(" ");
                if (parts[0].equals("INVOKE") && parts.length == 4) {
                    Invoke invoke = new Invoke(java.time.Instant.ofEpochMilli(Long.parseLong(parts[3])),
                            Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
                    invocations.add(invoke);
                    millis += invoke.millis();
                } else if (parts[0].equals("AWS") && parts.length == 4) {
                    aws.put(parts[1], new long[] {Long.parseLong(parts[2]), Long.parseLong(parts[3])});
                } else if (parts[0].equals("MEMORY") && parts.length == 3) {
                    rss = Long.parseLong(parts[1]);
                    heap = Long.parseLong(parts[2]);
                }
            }
            return new Figures(invocations, millis, aws, rss, heap);
        }
    }
}
