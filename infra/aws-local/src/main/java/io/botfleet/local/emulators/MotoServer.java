package io.botfleet.local.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * moto's AWS-protocol server (DynamoDB, S3, Secrets Manager, Scheduler, EventBridge). Reuses a server that already
 * answers at the given endpoint; otherwise starts {@code moto_server} itself and stops it on close.
 */
public final class MotoServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MotoServer.class);
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final URI endpoint;
    private final Process process;

    private MotoServer(URI endpoint, Process process) {
        this.endpoint = endpoint;
        this.process = process;
    }

    /** Uses the server at {@code existing} if it answers, else starts one on a free port. */
    public static MotoServer startOrReuse(URI existing) {
        if (existing != null && answers(existing)) {
            log.info("using the moto server already running at {}", existing);
            return new MotoServer(existing, null);
        }
        int port = existing != null && existing.getPort() > 0 ? existing.getPort() : FreePort.pick();
        return start(port);
    }

    public static MotoServer start(int port) {
        try {
            List<String> preferred = command();
            try {
                return start(port, preferred);
            } catch (IllegalStateException e) {
                List<String> plain = List.of(onPath("moto_server").map(Path::toString).orElse("moto_server"));
                if (preferred.equals(plain)) {
                    throw e;
                }
                // a python3 without moto, say: moto's own server still gives a working (slower) stack
                log.warn("moto through {} did not start ({}); starting {}", preferred, e.getMessage(), plain);
                return start(port, plain);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start moto_server; install it with: pip install \"moto[server]\"", e);
        }
    }

    private static MotoServer start(int port, List<String> program) throws IOException {
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path logFile = Files.createTempFile("moto-" + port + "-", ".log");
        List<String> command = new java.util.ArrayList<>(program);
        command.addAll(List.of("-H", "127.0.0.1", "-p", String.valueOf(port)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        MotoServer server = new MotoServer(endpoint, process);
        server.awaitReady(Duration.ofSeconds(30), logFile);
        log.info("started moto server at {} with {} (log: {})", endpoint, program, logFile);
        return server;
    }

    /**
     * {@code MOTO_SERVER_COMMAND} if set; else moto's server through {@code moto_server_item_rollback.py} (moto with
     * transactions that back up only their own items, as DynamoDB's cost only theirs: moto copies every table a
     * transaction names, which made a 1,000-bot table take 0.5 s per transaction), run by the {@code python3} that
     * has moto; {@code moto_server} as it is when there is no {@code python3}.
     */
    private static List<String> command() throws IOException {
        String configured = System.getenv("MOTO_SERVER_COMMAND");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured);
        }
        Optional<Path> python = onPath("python3");
        if (python.isPresent()) {
            return List.of(python.get().toString(), itemRollbackScript().toString());
        }
        return List.of(onPath("moto_server").map(Path::toString).orElse("moto_server"));
    }

    private static Optional<Path> onPath(String program) {
        for (String dir : List.of(System.getenv().getOrDefault("PATH", "").split(":"))) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path itemRollbackScript() throws IOException {
        Path script = Files.createTempFile("moto_server_item_rollback-", ".py");
        script.toFile().deleteOnExit();
        try (var in = MotoServer.class.getResourceAsStream("moto_server_item_rollback.py")) {
            Files.copy(java.util.Objects.requireNonNull(in, "moto_server_item_rollback.py"), script,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    private void awaitReady(Duration timeout, Path logFile) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers(endpoint)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + "; see " + logFile);
            }
            sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("moto_server did not answer within " + timeout + "; see " + logFile);
    }

    public static boolean answers(URI endpoint) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Clears every resource and item: the start of a clean test class. */
    public void reset() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public boolean startedHere() {
        return process != null;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
