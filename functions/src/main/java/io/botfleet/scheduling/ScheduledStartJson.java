package io.botfleet.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A start request on the campaign-start queue: {@code {"campaignId": ...}} to plan a campaign started now, or with
 * {@code "occurrence"} (the time its schedule fired for) to start a scheduled one. The trigger's input carries
 * EventBridge Scheduler's {@code <aws.scheduler.scheduled-time>}, which the service replaces with that time.
 */
public final class ScheduledStartJson {
    /** The context attribute EventBridge Scheduler fills in with the occurrence's time (ISO-8601, UTC). */
    public static final String SCHEDULED_TIME = "<aws.scheduler.scheduled-time>";

    private ScheduledStartJson() {}

    /** A start request as it arrives: the campaign, and the occurrence when a schedule sent it. */
    public record StartRequest(String campaignId, Optional<Instant> occurrence) {}

    public static String write(String campaignId, String occurrence) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("campaignId", campaignId);
        body.put("occurrence", occurrence);
        return Json.write(body);
    }

    /** @throws IllegalArgumentException for a body that is not a start request */
    public static StartRequest parse(String body) {
        JsonNode json = Json.read(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), JsonNode.class);
        String campaignId = json.path("campaignId").asText("");
        if (campaignId.isBlank()) {
            throw new IllegalArgumentException("a start request names its campaignId");
        }
        JsonNode occurrence = json.get("occurrence");
        try {
            return new StartRequest(campaignId, occurrence == null || occurrence.isNull()
                    ? Optional.empty() : Optional.of(Instant.parse(occurrence.asText())));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("occurrence is not an ISO-8601 instant: " + occurrence.asText());
        }
    }
}
