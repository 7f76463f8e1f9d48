package io.botfleet.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * A process whose CPU time a benchmark reads (user + system, from /proc on Linux through {@link ProcessHandle}): this
 * JVM, a {@link ChildJvm}, or a server the local stack started, such as moto.
 */
public record ProcessCpu(String name, ProcessHandle process) {

    public long millis() {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    public static ProcessCpu thisJvm(String name) {
        return new ProcessCpu(name, ProcessHandle.current());
    }

    /** A live child process of this JVM whose command line mentions {@code commandPart}. */
    public static Optional<ProcessCpu> child(String name, String commandPart) {
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains(commandPart))
                .findFirst().map(p -> new ProcessCpu(name, p));
    }
}
