package io.botfleet.api;

import io.botfleet.auth.Permission;
import io.botfleet.deadletters.DeadLetters;
import io.botfleet.shared.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dead-letter queues of every queue that has one: counts, the dead letters of one queue with why each failed,
 * redrive (back to the source queue) and discard, one message or all. They hold every bot's messages, so they are not
 * one bot's business: callers need {@code operations} over all bots.
 */
public final class DeadLetterRoutes {
    private DeadLetterRoutes() {}

    /** {@code messageId} names one dead letter; without it (or without a body) the action takes them all. */
    record Target(String messageId) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            v.text("messageId", messageId, 1, 100);
        }
    }

    public static List<Route> routes(DeadLetters deadLetters) {
        Route.Access operations = Route.Access.requiresAllBots(Permission.OPERATIONS);
        return List.of(
                new Route("GET", "/api/ops/dead-letters", operations, (request, caller) -> {
                    List<DeadLetters.QueueCount> counts = deadLetters.counts();
                    return HttpResponse.json(200, Map.of(
                            "queues", counts.stream().map(c -> Map.of("queue", c.queue(), "waiting", c.waiting())).toList(),
                            "waiting", counts.stream().mapToLong(DeadLetters.QueueCount::waiting).sum()));
                }),
                new Route("GET", "/api/ops/dead-letters/{queue}", operations, (request, caller) -> {
                    String queue = request.pathParameter("queue");
                    return HttpResponse.json(200, Map.of("queue", queue,
                            "items", deadLetters.list(queue).stream().map(DeadLetterRoutes::view).toList()));
                }),
                new Route("POST", "/api/ops/dead-letters/{queue}/redrive", operations, (request, caller) -> {
                    String queue = request.pathParameter("queue");
                    int moved = deadLetters.redrive(queue, target(request));
                    return HttpResponse.json(200, Map.of("queue", queue, "redriven", moved));
                }),
                new Route("POST", "/api/ops/dead-letters/{queue}/discard", operations, (request, caller) -> {
                    String queue = request.pathParameter("queue");
                    int removed = deadLetters.discard(queue, target(request));
                    return HttpResponse.json(200, Map.of("queue", queue, "discarded", removed));
                }));
    }

    private static Optional<String> target(io.botfleet.shared.http.HttpRequest request) {
        return RequestBody.parseOptional(request, Target.class).map(Target::messageId);
    }

    private static Map<String, Object> view(DeadLetters.DeadLetter d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messageId", d.messageId());
        out.put("firstReceivedAt", d.firstReceivedAt().map(Instant::toString).orElse(null));
        out.put("failedAt", d.failedAt().map(Instant::toString).orElse(null));
        out.put("receiveCount", d.receiveCount());
        out.put("summary", d.summary());
        out.put("reason", d.reason());
        out.put("reasonRecorded", d.reasonRecorded());
        return out;
    }
}
