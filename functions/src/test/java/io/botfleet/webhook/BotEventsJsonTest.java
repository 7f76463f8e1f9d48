package io.botfleet.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BotEventsJsonTest {

    @Test
    void anUpdatesEventsAreOneVersionedMessageWithoutAbsentOrEmptyFields() throws Exception {
        BotEvent joined = BotEvent.of("subscriber.joined", "42", "777", "2026-11-30T07:00:00Z", 9, Map.of("payload", "ad \"x\""));
        BotEvent pressed = BotEvent.of("button.pressed", "42", null, "2026-11-30T07:00:01Z", 10, Map.of());

        JsonNode body = Json.MAPPER.readTree(BotEventsJson.body(List.of(joined, pressed)));

        assertThat(body.path("v").asInt()).isEqualTo(1);
        assertThat(body.path("events")).hasSize(2);
        JsonNode first = body.path("events").get(0);
        assertThat(first.path("eventId").asText()).isEqualTo("42:9:subscriber.joined");
        assertThat(first.path("type").asText()).isEqualTo("subscriber.joined");
        assertThat(first.path("botId").asText()).isEqualTo("42");
        assertThat(first.path("chatId").asText()).isEqualTo("777");
        assertThat(first.path("at").asText()).isEqualTo("2026-11-30T07:00:00Z");
        assertThat(first.path("updateId").asLong()).isEqualTo(9);
        assertThat(first.path("attributes").path("payload").asText()).isEqualTo("ad \"x\"");
        JsonNode second = body.path("events").get(1);
        assertThat(second.has("chatId")).isFalse();
        assertThat(second.has("attributes")).isFalse();
        assertThat(second.path("updateId").asLong()).isEqualTo(10);
    }
}
