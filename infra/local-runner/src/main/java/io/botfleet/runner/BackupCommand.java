package io.botfleet.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code ./botfleet export} and {@code ./botfleet import EXPORT} (docs/backup-restore.md): the owner's export and
 * restore through the admin API of a running stack, the local runner's or a deployed one, so both go through the same
 * permission check, audit log and backup function as the dashboard's. Configured by environment variables:
 * {@code BOTFLEET_API_URL} (default {@code http://127.0.0.1:8080/api}), {@code BOTFLEET_EMAIL} and
 * {@code BOTFLEET_PASSWORD} (the owner's: API keys cannot hold the backups permission). Prints the export id (export)
 * or the import's state to standard output, progress to standard error; exits 1 when the job fails or is refused.
 */
public final class BackupCommand {
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration PATIENCE = Duration.ofMinutes(30);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String api;
    private String accessToken;

    private BackupCommand(String api) {
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        if (args.length == 0 || !(args[0].equals("export") && args.length == 1 || args[0].equals("import") && args.length == 2)) {
            System.err.println("usage: ./botfleet export | ./botfleet import EXPORT_ID   (BOTFLEET_API_URL, BOTFLEET_EMAIL, BOTFLEET_PASSWORD)");
            System.exit(2);
        }
        String email = env.get("BOTFLEET_EMAIL");
        String password = env.get("BOTFLEET_PASSWORD");
        if (email == null || password == null) {
            System.err.println("botfleet: set BOTFLEET_EMAIL and BOTFLEET_PASSWORD to the owner's sign-in");
            System.exit(2);
        }
        BackupCommand command = new BackupCommand(env.getOrDefault("BOTFLEET_API_URL", "http://127.0.0.1:8080/api"));
        command.login(email, password);
        boolean ok = args[0].equals("export") ? command.export() : command.importExport(args[1]);
        System.exit(ok ? 0 : 1);
    }

    private void login(String email, String password) throws IOException, InterruptedException {
        JsonNode tokens = expect(send("POST", "/auth/login", Map.of("email", email, "password", password)), 200);
        accessToken = tokens.path("accessToken").asText();
    }

    private boolean export() throws IOException, InterruptedException {
        String id = expect(send("POST", "/ops/exports", Map.of()), 202).path("id").asText();
        System.err.println("export " + id + " asked for; waiting for the backup function");
        JsonNode job = await("/ops/exports", "exports", id);
        System.out.println(id);
        return report(job);
    }

    private boolean importExport(String exportId) throws IOException, InterruptedException {
        HttpResponse<String> started = send("POST", "/ops/imports", Map.of("export", exportId));
        if (started.statusCode() == 200) {
            System.err.println("export " + exportId + " was already imported");
            return report(Json.MAPPER.readTree(started.body()));
        }
        expect(started, 202);
        System.err.println("import of " + exportId + " asked for; waiting for the backup function");
        return report(await("/ops/imports", "imports", exportId));
    }

    private JsonNode await(String path, String list, String id) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode job : expect(send("GET", path, null), 200).path(list)) {
                if (job.path("id").asText().equals(id) && !job.path("status").asText().equals("running")) {
                    return job;
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException(id + " still running after " + PATIENCE.toMinutes() + " minutes; "
                + "GET /api" + path + " shows it when it ends");
    }

    private static boolean report(JsonNode job) {
        job.path("entities").forEach(e -> System.err.println("  " + e.path("name").asText() + ": "
                + e.path("count").asLong() + " row(s)"));
        System.err.println(job.path("kind").asText() + " " + job.path("id").asText() + ": " + job.path("status").asText()
                + (job.has("reason") ? " (" + job.path("reason").asText() + ")" : ""));
        return job.path("status").asText().equals("completed");
    }

    private HttpResponse<String> send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30));
        if (accessToken != null) {
            request.header("authorization", "Bearer " + accessToken);
        }
        if (body == null) {
            request.GET();
        } else {
            request.header("content-type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect(HttpResponse<String> response, int status) throws IOException {
        if (response.statusCode() != status) {
            // the problem body says why (never a secret): show it as the reason
            System.err.println("botfleet: " + response.request().method() + " " + response.request().uri().getPath()
                    + " answered " + response.statusCode() + ": " + response.body());
            System.exit(1);
        }
        return Json.MAPPER.readTree(response.body());
    }
}
