package io.botfleet.shared.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.event.Level;
import org.slf4j.spi.MDCAdapter;

/**
 * Writes one log event as one line of JSON on stdout (Lambda sends stdout to CloudWatch Logs, where each line is
 * an event and Logs Insights reads its fields). Non-ASCII is escaped so a line is valid whatever stdout's encoding,
 * and a user's lone surrogate cannot break it. Lines go to the current {@code System.out} unless
 * {@link StdoutLines} took it over, which hands the writer the stream it replaced.
 */
final class JsonLogWriter {
    /** Powertools' Lambda context fields that are numbers or booleans in its layout, not strings. */
    private static final Set<String> NUMBERS = Set.of("function_memory_size", "sampling_rate");
    private static final Set<String> BOOLEANS = Set.of("cold_start");

    private static volatile PrintStream stream;

    private final MDCAdapter mdc;
    private final String service;

    JsonLogWriter(MDCAdapter mdc, String service) {
        this.mdc = mdc;
        this.service = service == null || service.isBlank() ? "service_undefined" : service;
    }

    void write(Level level, String logger, String message, Throwable error) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator g = Generators.FACTORY.createGenerator(line)) {
            g.writeStartObject();
            g.writeStringField("level", level.name());
            g.writeStringField("message", message);
            g.writeStringField("logger", logger);
            g.writeStringField("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            Map<String, String> context = mdc.getCopyOfContextMap();
            if (context == null || !context.containsKey("service")) {
                g.writeStringField("service", service);
            }
            if (context != null) {
                for (Map.Entry<String, String> field : new TreeMap<>(context).entrySet()) {
                    writeField(g, field.getKey(), field.getValue());
                }
            }
            if (error != null) {
                g.writeObjectFieldStart("error");
                g.writeStringField("name", error.getClass().getName());
                g.writeStringField("message", error.getMessage());
                g.writeStringField("stack", stackOf(error));
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrintStream out = stream;
        (out != null ? out : System.out).println(line);
    }

    /** Jackson's generator is loaded with the first line, not with the logger: the webhook's cold start writes none. */
    private static final class Generators {
        static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    }

    static void useStream(PrintStream out) {
        stream = out;
    }

    /** The stream {@link StdoutLines} handed over, or null when it did not take stdout over. */
    static PrintStream stream() {
        return stream;
    }

    private static void writeField(JsonGenerator g, String key, String value) throws IOException {
        if (value != null && NUMBERS.contains(key) && value.matches("-?\\d+(\\.\\d+)?")) {
            g.writeFieldName(key);
            g.writeNumber(value);
        } else if (value != null && BOOLEANS.contains(key)) {
            g.writeBooleanField(key, Boolean.parseBoolean(value));
        } else {
            g.writeStringField(key, value);
        }
    }

    private static String stackOf(Throwable error) {
        StringWriter stack = new StringWriter();
        error.printStackTrace(new PrintWriter(stack));
        return stack.toString();
    }
}
