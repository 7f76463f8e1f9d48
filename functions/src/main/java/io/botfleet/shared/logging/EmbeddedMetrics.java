package io.botfleet.shared.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * CloudWatch embedded metric format, written by hand for the one function that must not load Powertools' metrics
 * module (the webhook: its cold start is measured without it). One line per call: the metrics counted once per bot
 * (dimension {@code BotId}) and once over all bots (no dimension), so an operator sees both a bot's and the fleet's
 * figures. The other functions emit the same format through Powertools.
 */
public final class EmbeddedMetrics {
    private static final JsonFactory JSON = new JsonFactory();

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

    String line(String botId, Map<String, Long> counts) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(line)) {
            g.writeStartObject();
            g.writeObjectFieldStart("_aws");
            g.writeNumberField("Timestamp", clock.millis());
            g.writeArrayFieldStart("CloudWatchMetrics");
            g.writeStartObject();
            g.writeStringField("Namespace", namespace);
            g.writeArrayFieldStart("Dimensions");
            g.writeStartArray();
            g.writeString("BotId");
            g.writeEndArray();
            g.writeStartArray();
            g.writeEndArray();
            g.writeEndArray();
            g.writeArrayFieldStart("Metrics");
            for (String name : counts.keySet()) {
                g.writeStartObject();
                g.writeStringField("Name", name);
                g.writeStringField("Unit", "Count");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeStringField("BotId", botId);
            for (Map.Entry<String, Long> count : counts.entrySet()) {
                g.writeNumberField(count.getKey(), count.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.toString();
    }

    /** Through the stream the log lines use, so metrics and logs stay one JSON object per line, in order. */
    private static void println(String line) {
        PrintStream out = JsonLogWriter.stream();
        (out != null ? out : System.out).println(line);
    }
}
