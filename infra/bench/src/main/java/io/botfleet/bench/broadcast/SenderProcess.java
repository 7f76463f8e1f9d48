package io.botfleet.bench.broadcast;

import io.botfleet.bench.ChildJvm;
import io.botfleet.bench.ProcessCpu;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** A sender polling {@code queueUrl} with the environment of one of the template's sender functions. */
    static SenderProcess start(Map<String, String> env, int concurrency, String queueUrl) {
        try {
            Path envFile = Files.createTempFile("sender-env", ".properties");
            Properties p = new Properties();
            p.putAll(env);
            try (Writer w = Files.newBufferedWriter(envFile)) {
                p.store(w, "sender environment");
            }
            // e.g. -Dbench.senderJvm=-XX:StartFlightRecording=filename=/tmp/sender.jfr to profile the sender
            return new SenderProcess(ChildJvm.start("sender", List.of("-Xmx512m"), "bench.senderJvm", SenderHost.class,
                    List.of(envFile.toString(), Integer.toString(concurrency), queueUrl), "READY"));
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

    record Figures(long invocations, long invocationMillis, Map<String, long[]> aws) {
        static Figures parse(List<String> lines) {
            long invocations = 0;
            long millis = 0;
            Map<String, long[]> aws = new TreeMap<>();
            for (String line : lines) {
                String[] parts = line.split(" ");
                if (parts[0].equals("INVOKE") && parts.length == 3) {
                    invocations++;
                    millis += Long.parseLong(parts[1]);
                } else if (parts[0].equals("AWS") && parts.length == 4) {
                    aws.put(parts[1], new long[] {Long.parseLong(parts[2]), Long.parseLong(parts[3])});
                }
            }
            return new Figures(invocations, millis, aws);
        }
    }
}
