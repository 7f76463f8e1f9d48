package io.botfleet.shared.logging;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.json.JSONStringer;

/**
 * CloudWatch embedded metric format, written by hand for the one function that must not load Powertools' metrics
 * module (the webhook: its cold start is measured without it), with org.json's writer for the same reason (see
 * JsonObjects). One line per call: the metrics counted once per bot
 * (dimension {@code BotId}) and once over all bots (no dimension), so an operator sees both a bot's and the fleet's
 * figures; and each request's latency by route and status class. The other functions emit the same format through
 * Powertools.
 */
public final class EmbeddedMetrics {
    private final String namespace;
    private final Clock clock;

    public EmbeddedMetrics(String namespace, Clock clock) {
        this.namespace = namespace;
        this.clock = clock;
    }

    /** A metric name from an enum constant, as CloudWatch names read: {@code NOT_STARTED} → {@code NotStarted}. */
    public static String name(Enum<?> value) {
        StringBuilder name = new StringBuilder();
        for (String word : value.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    /** Counts ({@code Count} unit) for one bot. */
    public void count(String botId, Map<String, Long> counts) {
        println(line(botId, counts));
    }

    /**
     * One request's {@code RequestLatency} (milliseconds) by {@code Method}, {@code Route} (the route template, never
     * a raw path) and {@code StatusClass} ({@code 2xx} ... {@code 5xx}), as the admin API writes it through Powertools.
     */
    public void request(String method, String route, int status, double latencyMs) {
        println(requestLine(method, route, status, latencyMs));
    }

    String line(String botId, Map<String, Long> counts) {
        Map<String, Number> values = new LinkedHashMap<>(counts);
        return document(List.of(List.of("BotId"), List.of()), Map.of("BotId", botId), values, "Count");
    }

    /** The line {@link #request} prints. */
    public String requestLine(String method, String route, int status, double latencyMs) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("Method", method);
        dimensions.put("Route", route);
        dimensions.put("StatusClass", (status / 100) + "xx");
        return document(List.of(List.copyOf(dimensions.keySet())), dimensions, Map.of("RequestLatency", latencyMs), "Milliseconds");
    }

    private String document(List<List<String>> dimensionSets, Map<String, String> dimensions, Map<String, Number> values,
                            String unit) {
        JSONStringer g = new JSONStringer();
        g.object().key("_aws").object().key("Timestamp").value(clock.millis()).key("CloudWatchMetrics").array().object()
                .key("Namespace").value(namespace).key("Dimensions").array();
        for (List<String> set : dimensionSets) {
            g.array();
            for (String name : set) {
                g.value(name);
            }
            g.endArray();
        }
        g.endArray().key("Metrics").array();
        for (String name : values.keySet()) {
            g.object().key("Name").value(name).key("Unit").value(unit).endObject();
        }
        g.endArray().endObject().endArray().endObject();
        for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
            g.key(dimension.getKey()).value(dimension.getValue());
        }
        for (Map.Entry<String, Number> value : values.entrySet()) {
            if (value.getValue() instanceof Double d) {
                g.key(value.getKey()).value(d.doubleValue());
            } else {
                g.key(value.getKey()).value(value.getValue().longValue());
            }
        }
        return g.endObject().toString();
    }

    /** Through the stream the log lines use, so metrics and logs stay one JSON object per line, in order. */
    private static void println(String line) {
        PrintStream out = JsonLogWriter.stream();
        (out != null ? out : System.out).println(line);
    }
}
