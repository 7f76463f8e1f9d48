package io.botfleet.bench.broadcast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The parent's handle on a {@link SenderHost} child JVM: start, stop (with its figures) or kill -9. */
final class SenderProcess {
    private final Process process;
    private final Path output;

    private SenderProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * A sender polling {@code queueUrl} with the environment of one of the template's sender functions, in a JVM
     * started as Lambda's java21 runtime starts it for {@code memoryMb}: the heap sized from the memory, the serial
     * collector, and the template's {@code JAVA_TOOL_OPTIONS} (C1 only), so its CPU and memory are what deploys.
     */
    static SenderProcess start(Map<String, String> env, int memoryMb, int concurrency, String queueUrl) {
        try {
            Path envFile = Files.createTempFile("sender-env", ".properties");
            Properties p = new Properties();
            p.putAll(env);
            try (Writer w = Files.newBufferedWriter(envFile)) {
                p.store(w, "sender environment");
            }
            Path output = Files.createTempFile("sender-out", ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            // MaxRAM: the JVM sizes its defaults (initial heap, GC structures) from the memory it sees, which in
            // Lambda is the function's, not this machine's
            List<String> command = new java.util.ArrayList<>(List.of(java, "-XX:MaxRAM=" + memoryMb + "m",
                    "-XX:MaxHeapSize=" + (memoryMb * 1024L * 85 / 100) + "k", "-XX:+UseSerialGC"));
            // e.g. -Dbench.senderJvm=-XX:StartFlightRecording=filename=/tmp/sender.jfr to profile the sender
            String extra = System.getProperty("bench.senderJvm", "");
            if (!extra.isBlank()) {
                command.addAll(List.of(extra.trim().split("\\s+")));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), SenderHost.class.getName(),
                    envFile.toString(), Integer.toString(concurrency), queueUrl));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            if (env.containsKey("JAVA_TOOL_OPTIONS")) {
                builder.environment().put("JAVA_TOOL_OPTIONS", env.get("JAVA_TOOL_OPTIONS"));
            }
            Process process = builder.start();
            SenderProcess sender = new SenderProcess(process, output);
            sender.awaitReady();
            return sender;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(output).contains("READY")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("sender exited: " + Files.readString(output));
            }
            BroadcastFixture.sleep(50);
        }
        throw new IllegalStateException("sender did not start");
    }

    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Stops it like Lambda would retire it (SIGTERM) and returns what it printed. */
    Figures stop() {
        process.destroy();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
            return Figures.parse(Files.readAllLines(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kill -9: no shutdown hook, requests in flight are abandoned. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param peakRssKb the sender JVM's peak resident memory; {@code peakHeapKb} its heap's peak use after a GC */
    record Figures(long invocations, long invocationMillis, Map<String, long[]> aws, long peakRssKb, long peakHeapKb) {
        static Figures parse(List<String> lines) {
            long invocations = 0;
            long millis = 0;
            long rss = 0;
            long heap = 0;
            Map<String, long[]> aws = new TreeMap<>();
            for (String line : lines) {
                String[] parts = line.split(" ");
                if (parts[0].equals("INVOKE") && parts.length == 3) {
                    invocations++;
                    millis += Long.parseLong(parts[1]);
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
