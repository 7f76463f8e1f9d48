package io.botfleet.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StdoutLinesTest {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final PrintStream target = new PrintStream(stdout, true, StandardCharsets.UTF_8);

    @AfterEach
    void writeToSystemOutAgain() {
        JsonLogWriter.useStream(null);
    }

    @Test
    void plainLinesBecomeLogEventsAndJsonLinesPassThrough() throws Exception {
        JsonLogWriter.useStream(target);
        PrintStream printed = new PrintStream(new StdoutLines(target), true, StandardCharsets.UTF_8);

        printed.println("======> SOURCE: class io.botfleet.lambda.PlatformApplication");
        printed.println("{\"_aws\":{\"CloudWatchMetrics\":[]},\"sent\":3}");
        printed.println("   ");
        printed.print("no newline yet");
        printed.println(" - now");

        List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode first = Json.MAPPER.readTree(lines.get(0));
        assertThat(first.path("logger").asText()).isEqualTo("stdout");
        assertThat(first.path("level").asText()).isEqualTo("INFO");
        assertThat(first.path("message").asText()).isEqualTo("======> SOURCE: class io.botfleet.lambda.PlatformApplication");
        assertThat(lines.get(1)).isEqualTo("{\"_aws\":{\"CloudWatchMetrics\":[]},\"sent\":3}");
        assertThat(Json.MAPPER.readTree(lines.get(2)).path("message").asText()).isEqualTo("no newline yet - now");
    }
}
