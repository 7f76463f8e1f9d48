package io.botfleet.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The state of every dependency at one moment. */
public record HealthReport(String status, Instant checkedAt, Map<String, DependencyStatus> dependencies) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DependencyStatus(String status, long latencyMs, String error) {
        public boolean up() {
            return status.equals("up");
        }
    }

    public boolean healthy() {
        return status.equals("ok");
    }

    public List<String> down() {
        return dependencies.entrySet().stream().filter(e -> !e.getValue().up()).map(Map.Entry::getKey).toList();
    }
}
