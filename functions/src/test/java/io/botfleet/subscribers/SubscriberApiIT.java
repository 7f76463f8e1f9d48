package io.botfleet.subscribers;

import static io.botfleet.bots.BotTestKit.call;
import static io.botfleet.bots.BotTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.bots.BotTestKit;
import io.botfleet.lambda.BotsModule;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.ownership.Lease;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.TelegramEmulator;
import io.botfleet.webhook.DynamoUpdateLedger;
import io.botfleet.webhook.UpdateLedger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@LocalAws
class SubscriberApiIT {
    static TelegramEmulator telegram;
    static BotsModule module;
    static BotTestKit.Caller api;
    static String botId;
    static DynamoUpdateLedger ledger;

    @BeforeAll
    static void seed(LocalAwsStack stack) {
        telegram = TelegramEmulator.start(0);
        module = BotTestKit.module(BotTestKit.env(stack, "ApiFunction", "http://127.0.0.1:9", telegram.baseUrl(), "primary", Map.of()));
        api = BotTestKit.owner(stack, "http://127.0.0.1:9", telegram.baseUrl(), "primary");
        EmulatedBot bot = telegram.createBot("audience_bot", "Audience");
        module.registry().register(bot.token(), "test");
        botId = Long.toString(bot.id());
        Lease lease = module.ownership().current(botId).orElseThrow();
        ledger = new DynamoUpdateLedger(stack.clients().dynamoDb(), stack.resource("BotsTable").ref(),
                stack.resource("SubscribersTable").ref(), stack.resource("EphemeralTable").ref());
        // 12 subscribers: 8 active (de/en alternating), 2 blocked, 2 left; joined one minute apart
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        for (int i = 1; i <= 12; i++) {
            String status = i <= 8 ? "active" : i <= 10 ? "blocked" : "left";
            var contact = new UpdateLedger.Contact(Long.toString(1000 + i), "private", i == 3 ? "=cmd()" : "User" + i,
                    "user_" + i, i % 2 == 0 ? "de" : "en");
            ledger.record(new UpdateLedger.UpdateRecord(botId, i, lease.fence(), Optional.of(contact), Optional.of("active"),
                    Optional.of("src" + (i % 3)), t0.plusSeconds(60L * i)));
            if (!status.equals("active")) {
                ledger.record(new UpdateLedger.UpdateRecord(botId, 100 + i, lease.fence(), Optional.of(contact),
                        Optional.of(status), Optional.empty(), t0.plusSeconds(60L * i + 30)));
            }
        }
    }

    @Test
    void oneSubscriberCanBeErasedAndTheCountersFollow() {
        Lease lease = module.ownership().current(botId).orElseThrow();
        var contact = new UpdateLedger.Contact("4242", "private", "Erase Me", "erase_me", "en");
        ledger.record(new UpdateLedger.UpdateRecord(botId, 4242, lease.fence(), Optional.of(contact), Optional.of("active"),
                Optional.empty(), Instant.parse("2026-03-02T10:00:00Z")));
        var before = module.subscribers().counts(botId);
        String path = "/api/bots/" + botId + "/subscribers/4242";

        HttpResponse deleted = call(api, "DELETE", path, null);
        assertThat(deleted.status()).as(deleted.bodyText()).isEqualTo(204);
        assertThat(call(api, "GET", path, null).status()).isEqualTo(404);
        var after = module.subscribers().counts(botId);
        assertThat(after.active()).isEqualTo(before.active() - 1);
        assertThat(after.total()).isEqualTo(before.total() - 1);
        assertThat(call(api, "DELETE", path, null).status()).as("gone already").isEqualTo(404);
    }

    @AfterAll
    static void stop() {
        telegram.close();
    }

    private static JsonNode get(String path, Map<String, String> query) {
        HttpResponse r = call(api, "GET", path, query, null, Map.of());
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        return json(r);
    }

    @Test
    void pagesWithCursorsFiltersAndCounts() {
        String path = "/api/bots/" + botId + "/subscribers";
        List<String> seen = new ArrayList<>();
        Map<String, String> query = new HashMap<>(Map.of("limit", "5"));
        JsonNode page;
        int pages = 0;
        do {
            page = get(path, query);
            page.path("items").forEach(i -> seen.add(i.path("chatId").asText()));
            query.put("cursor", page.path("cursor").asText(""));
            pages++;
        } while (!page.path("cursor").isNull() && !page.path("cursor").asText().isEmpty() && pages < 10);
        assertThat(seen).hasSize(12).doesNotHaveDuplicates().noneMatch(id -> id.startsWith("#"));
        assertThat(page.path("counts").path("active").asLong()).isEqualTo(8);
        assertThat(page.path("counts").path("blocked").asLong()).isEqualTo(2);
        assertThat(page.path("counts").path("left").asLong()).isEqualTo(2);
        assertThat(page.path("counts").path("total").asLong()).isEqualTo(12);

        assertThat(get(path, Map.of("status", "blocked")).path("items")).hasSize(2)
                .allMatch(i -> i.path("status").asText().equals("blocked"));
        JsonNode germans = get(path, Map.of("status", "active", "language", "de"));
        assertThat(germans.path("items")).hasSize(4).allMatch(i -> i.path("language").asText().equals("de"));
        assertThat(get(path, Map.of("q", "User1")).path("items")).hasSize(4); // User1, User10, User11, User12
        assertThat(get(path, Map.of("status", "active", "joinedFrom", "2026-03-01T10:02:00Z", "joinedTo", "2026-03-01T10:04:00Z"))
                .path("items")).hasSize(3);
        assertThat(get(path, Map.of("lastActiveAfter", "2026-03-01T09:00:00Z")).path("items")).hasSize(12);

        // a forged cursor, or one replayed against another listing, is refused
        assertThat(call(api, "GET", path, Map.of("cursor", "eyJ4IjoieSJ9.AAAA"), null, Map.of()).status()).isEqualTo(400);
        String activeCursor = get(path, Map.of("status", "active", "limit", "2")).path("cursor").asText();
        assertThat(call(api, "GET", path, Map.of("status", "blocked", "cursor", activeCursor), null, Map.of()).status()).isEqualTo(400);
        assertThat(call(api, "GET", path, Map.of("status", "gone"), null, Map.of()).status()).isEqualTo(422);
        assertThat(call(api, "GET", "/api/bots/12345/subscribers", null).status()).isEqualTo(404);
    }

    @Test
    void theComposersRecipientCountIsTheActiveAudienceTheFilterReaches() {
        String path = "/api/bots/" + botId + "/audience-count";
        assertThat(get(path, Map.of()).path("recipients").asLong()).isEqualTo(8);
        JsonNode germans = get(path, Map.of("languages", "de"));
        assertThat(germans.path("recipients").asLong()).isEqualTo(4);
        assertThat(germans.path("exact").asBoolean()).isTrue();
        // subscribers 2, 4, 6, 8 speak German; 2 and 8 came from src2, 6 from src0
        assertThat(get(path, Map.of("languages", "de", "sources", "src2, src0")).path("recipients").asLong()).isEqualTo(3);
        assertThat(call(api, "GET", path, Map.of("joinedFrom", "2026-03-02T00:00:00Z", "joinedTo", "2026-03-01T00:00:00Z"),
                null, Map.of()).status()).isEqualTo(422);
        assertThat(call(api, "GET", "/api/bots/12345/audience-count", null).status()).isEqualTo(404);
    }

    @Test
    void tagsSingleAndBulkThenFilterByTag() {
        String base = "/api/bots/" + botId + "/subscribers";
        HttpResponse one = call(api, "POST", base + "/1001/tags", Map.of("add", List.of("vip", "beta")));
        assertThat(one.status()).as(one.bodyText()).isEqualTo(200);
        assertThat(json(one).path("tags").toString()).contains("vip", "beta");
        HttpResponse bulk = call(api, "POST", base + "/tags", Map.of("chatIds", List.of("1002", "1004", "99999"), "add", List.of("vip")));
        assertThat(json(bulk).path("changed").asInt()).isEqualTo(2);
        call(api, "POST", base + "/1001/tags", Map.of("remove", List.of("beta")));
        assertThat(get(base, Map.of("tag", "vip", "status", "active")).path("items")).hasSize(3);
        assertThat(get(base, Map.of("tag", "beta")).path("items")).isEmpty();
        assertThat(call(api, "POST", base + "/1001/tags", Map.of("add", List.of("Not A Tag"))).status()).isEqualTo(422);
        assertThat(call(api, "POST", base + "/5555/tags", Map.of("add", List.of("vip"))).status()).isEqualTo(404);
    }

    @Test
    void exportsCsvWithDefusedFormulas() {
        HttpResponse csv = call(api, "GET", "/api/bots/" + botId + "/subscribers.csv", Map.of("status", "active"), null, Map.of());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().get("content-type")).startsWith("text/csv");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n");
        assertThat(lines[0]).startsWith("chat_id,status,first_name");
        assertThat(lines).hasSize(9);
        assertThat(text).contains("'=cmd()").doesNotContain(",=cmd()");
    }
}
