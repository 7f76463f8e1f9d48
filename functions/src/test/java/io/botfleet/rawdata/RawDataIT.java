package io.botfleet.rawdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.ApiHarness;
import io.botfleet.api.ApiHarness.Session;
import io.botfleet.api.OnApi;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The owner's raw data viewer through the admin API, on the emulators, with the API function's IAM policy. */
class RawDataIT extends OnApi {
    @Test
    void theOwnerPagesThroughATableWithEveryHashRedacted() {
        api.createUser(owner, "analyst", List.of());
        api.createUser(owner, "editor", List.of());

        JsonNode tables = api.call("GET", "/api/data/tables").as(owner).send().expect(200).json();
        assertThat(tables.path("tables").toString()).contains("accounts", "bots", "subscribers", "deliveries");

        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var call = api.call("GET", "/api/data/tables/accounts").as(owner).query("limit", "2");
            if (cursor != null) {
                call.query("cursor", cursor);
            }
            JsonNode page = call.send().expect(200).json();
            page.path("items").forEach(items::add);
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 50);

        List<JsonNode> users = items.stream().filter(i -> i.has("passwordHash")).toList();
        assertThat(users).hasSizeGreaterThanOrEqualTo(3);
        assertThat(users).allSatisfy(u -> assertThat(u.path("passwordHash").asText()).isEqualTo(Redaction.REDACTED));
        assertThat(pages).as("pages of two items").isGreaterThan(1);
        assertThat(items.toString()).doesNotContain("$argon2");
    }

    @Test
    void onlyTheOwnerSeesRawDataAndACursorOfAnotherTableIsRefused() {
        Session admin = api.createUser(owner, "admin", List.of());
        api.call("GET", "/api/data/tables").as(admin).send().expect(403);
        api.call("GET", "/api/data/tables/bots").as(admin).send().expect(403);
        api.call("GET", "/api/data/tables/nope").as(owner).send().expect(404);

        JsonNode page = api.call("GET", "/api/data/tables/accounts").as(owner).query("limit", "1").send().expect(200).json();
        String cursor = page.path("nextCursor").asText();
        api.call("GET", "/api/data/tables/bots").as(owner).query("cursor", cursor).send().expect(400);
        assertThat(StreamSupport.stream(page.path("items").spliterator(), false).count()).isEqualTo(1);
    }
}
