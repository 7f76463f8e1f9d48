package io.botfleet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A main class of this classpath in its own JVM, its output in a file: what a benchmark runs apart so that the
 * process's CPU time is that component's alone (and so that it can be killed mid-work).
 */
public final class ChildJvm {
    private final Process process;
    private final Path output;

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code mainClass} with {@code args} and waits until its output contains {@code readyLine}. Extra JVM
     * options come from the system property {@code optionsProperty}, e.g.
     * {@code -Dbench.senderJvm=-XX:StartFlightRecording=filename=/tmp/sender.jfr} to profile it.
     */
    public static ChildJvm start(String name, List<String> jvmOptions, String optionsProperty, Class<?> mainClass,
                                 List<String> args, String readyLine) {
        return start(name, 0, jvmOptions, optionsProperty, mainClass, args, readyLine);
    }

    /**
     * As above, at the scheduling priority {@code niceness} (below zero: ahead of the machine's other processes; where
     * the benchmark may not raise it, {@code nice} says so in the output and the JVM runs at the normal priority).
     */
    public static ChildJvm start(String name, int niceness, List<String> jvmOptions, String optionsProperty,
                                 Class<?> mainClass, List<String> args, String readyLine) {
        try {
            Path output = Files.createTempFile(name + "-out", ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>();
            if (niceness != 0) {
                command.addAll(List.of("nice", "-n", Integer.toString(niceness)));
            }
            command.add(java);
            command.addAll(jvmOptions);
            String extra = System.getProperty(optionsProperty, "");
            if (!extra.isBlank()) {
                command.addAll(List.of(extra.trim().split("\\s+")));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
            command.addAll(args);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            // a benchmark that fails half-way must not leave it running (a sender would go on polling)
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            ChildJvm child = new ChildJvm(process, output);
            child.awaitOutput(name, readyLine);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitOutput(String name, String readyLine) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(output).contains(readyLine)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited: " + Files.readString(output));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new IllegalStateException(name + " did not start");
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Everything it printed so far. */
    public List<String> output() {
        try {
            return Files.readAllLines(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM (shutdown hooks run), then what it printed. */
    public List<String> stop() {
        process.destroy();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return output();
    }

    /** kill -9: no shutdown hook, requests in flight are abandoned. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
