package io.botfleet.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;

class JsonLogWriterTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final BasicMDCAdapter mdc = new BasicMDCAdapter();
    private final LogLevels levels = new LogLevels(Level.INFO);
    private final JsonLoggerFactory loggers = new JsonLoggerFactory(levels, new JsonLogWriter(mdc, "botfleet"));

    @BeforeEach
    void captureStdout() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(originalOut);
    }

    private JsonNode onlyLine() throws Exception {
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines()).hasSize(1);
        return Json.MAPPER.readTree(printed);
    }

    @Test
    void anEventIsOneJsonLineWithTheServiceAndTheContextFields() throws Exception {
        mdc.put("function_request_id", "req-1");
        mdc.put("cold_start", "true");
        mdc.put("function_memory_size", "512");
        mdc.put("bot_id", "42");

        loggers.getLogger("io.botfleet.webhook.WebhookService").info("update {} of bot {} parked", 7, "42");

        JsonNode line = onlyLine();
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("message").asText()).isEqualTo("update 7 of bot 42 parked");
        assertThat(line.path("logger").asText()).isEqualTo("io.botfleet.webhook.WebhookService");
        assertThat(line.path("service").asText()).isEqualTo("botfleet");
        assertThat(line.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z");
        assertThat(line.path("function_request_id").asText()).isEqualTo("req-1");
        assertThat(line.path("bot_id").asText()).isEqualTo("42");
        assertThat(line.path("cold_start").isBoolean()).isTrue();
        assertThat(line.path("function_memory_size").isNumber()).isTrue();
    }

    @Test
    void aThrowableLastIsTheErrorWithItsStack() throws Exception {
        loggers.getLogger("x").error("batch {} failed", "b-1", new IllegalStateException("table gone"));

        JsonNode line = onlyLine();
        assertThat(line.path("message").asText()).isEqualTo("batch b-1 failed");
        assertThat(line.path("error").path("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.path("error").path("message").asText()).isEqualTo("table gone");
        assertThat(line.path("error").path("stack").asText()).contains("JsonLogWriterTest.aThrowableLastIsTheErrorWithItsStack");
    }

    @Test
    void whatAUserWroteCannotBreakTheLine() throws Exception {
        String hostile = "a\ud800 b\n{\"level\":\"ERROR\"} \u00e9\u0000";

        loggers.getLogger("x").warn("name {}", hostile);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed.chars().allMatch(c -> c < 128)).isTrue();
        assertThat(onlyLine().path("message").asText()).isEqualTo("name " + hostile);
    }

    @Test
    void levelsBelowTheRootAndLibraryChatterAreNotWritten() throws Exception {
        loggers.getLogger("io.botfleet.x").debug("not at INFO");
        loggers.getLogger("software.amazon.awssdk.request").info("not below WARN");
        loggers.getLogger("org.springframework.boot").info("not below WARN");
        assertThat(out.size()).isZero();

        levels.root(Level.DEBUG);
        loggers.getLogger("io.botfleet.x").debug("sampled");
        loggers.getLogger("software.amazon.awssdk.request").debug("still off");
        assertThat(onlyLine().path("message").asText()).isEqualTo("sampled");
    }

    @Test
    void theLevelNamesPowertoolsAndLambdaUseAreUnderstood() {
        assertThat(LogLevels.parse("debug", Level.INFO)).isEqualTo(Level.DEBUG);
        assertThat(LogLevels.parse("WARNING", Level.INFO)).isEqualTo(Level.WARN);
        assertThat(LogLevels.parse("FATAL", Level.INFO)).isEqualTo(Level.ERROR);
        assertThat(LogLevels.parse("", Level.INFO)).isEqualTo(Level.INFO);
        assertThat(LogLevels.parse("loud", Level.INFO)).isEqualTo(Level.INFO);
    }

    @Test
    void slf4jInTheFunctionsBindsToThisBackend() {
        Logger logger = LoggerFactory.getLogger("io.botfleet.any");
        assertThat(logger).isInstanceOf(JsonLogger.class);
    }
}
