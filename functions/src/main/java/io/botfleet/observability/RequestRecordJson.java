package io.botfleet.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** Reads a per-request metric record (an embedded-metric-format log line) back into a {@link RequestSample}. */
public final class RequestRecordJson {
    private static final ObjectMapper json = new ObjectMapper();

    private RequestRecordJson() {}

    public static Optional<RequestSample> parse(String line) {
        try {
            JsonNode record = json.readTree(line);
            JsonNode method = record.path("Method");
            JsonNode route = record.path("Route");
            JsonNode statusClass = record.path("StatusClass");
            JsonNode latency = record.path(RequestStats.LATENCY_METRIC);
            // EMF allows a metric's values as an array; a per-request record has one
            latency = latency.isArray() ? latency.path(0) : latency;
            if (!method.isTextual() || !route.isTextual() || !statusClass.isTextual() || !latency.isNumber() || !record.has("_aws")
                    || !statusClass.asText().matches("[1-5]xx")) {
                return Optional.empty();
            }
            return Optional.of(new RequestSample(method.asText() + " " + route.asText(), statusClass.asText().charAt(0) - '0', latency.asDouble()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
