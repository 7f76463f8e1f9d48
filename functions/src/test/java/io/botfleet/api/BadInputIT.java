package io.botfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.ApiHarness.Session;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sends hostile input to every route of the real route table, as the owner (so requests get past authorization):
 * malformed JSON, wrong content type, oversized bodies, deep nesting, wrong types, huge strings, invalid Unicode,
 * unknown and missing fields. Every answer must be a 4xx problem, and no table but the audit log and the ephemeral
 * counters may change.
 */
@LocalAws
class BadInputIT {
    static ApiHarness api;
    static Session owner;
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    @BeforeAll
    static void start(LocalAwsStack stack) {
        api = ApiHarness.start(stack);
        owner = api.setupOwner();
    }

    record Case(String name, byte[] body, String contentType) {
        static Case json(String name, String text) {
            return new Case(name, text.getBytes(StandardCharsets.UTF_8), "application/json");
        }
    }

    static List<Case> envelopeCases() {
        List<Case> cases = new ArrayList<>();
        cases.add(Case.json("malformed", "{\"email\": \"a@b.co\", "));
        cases.add(Case.json("not json", "email=a@b.co&password=x"));
        cases.add(Case.json("trailing garbage", "{} {}"));
        cases.add(Case.json("duplicate keys", "{\"a\": 1, \"a\": 2}"));
        cases.add(Case.json("deep nesting", "{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}"));
        cases.add(Case.json("huge number", "{\"a\": 1" + "0".repeat(5000) + "}"));
        cases.add(Case.json("oversized body", "{\"a\": \"" + "x".repeat(70_000) + "\"}"));
        cases.add(new Case("wrong content type", "{}".getBytes(StandardCharsets.UTF_8), "text/plain"));
        cases.add(new Case("form content type", "a=1".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"));
        cases.add(new Case("json in latin-1", "{}".getBytes(StandardCharsets.UTF_8), "application/json; charset=iso-8859-1"));
        // bodies that are not UTF-8 cannot reach the function as such: the HTTP API hands text bodies over as a JSON
        // string; the pipeline's own refusal of them is RequestBodyTest's
        return cases;
    }

    /** Payloads built from the operation's request schema: wrong types, huge strings, bad Unicode, unknown/missing fields. */
    static List<Case> schemaCases(JsonNode schema) {
        List<Case> cases = new ArrayList<>();
        Map<String, JsonNode> props = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            var e = it.next();
            props.put(e.getKey(), OpenApiContract.DOCUMENT.resolve(e.getValue()));
        }
        cases.add(Case.json("null body", "null"));
        cases.add(Case.json("array body", "[]"));
        cases.add(Case.json("string body", "\"hello\""));
        ObjectNode unknown = F.objectNode();
        unknown.put("definitelyNotAField", 1);
        cases.add(Case.json("unknown field", unknown.toString()));
        if (schema.has("required") && !schema.get("required").isEmpty()) {
            cases.add(Case.json("missing fields", "{}"));
        }
        for (var p : props.entrySet()) {
            ObjectNode wrong = F.objectNode();
            wrong.set(p.getKey(), wrongValue(p.getValue()));
            cases.add(Case.json("wrong type for " + p.getKey(), wrong.toString()));
        }
        List<String> strings = props.entrySet().stream().filter(e -> isString(e.getValue())).map(Map.Entry::getKey).toList();
        if (!strings.isEmpty()) {
            for (var bad : Map.of("lone surrogate", "\\ud800x", "NUL", "a\\u0000b", "bidi override", "abc\\u202Egpj.exe",
                    "escape sequence", "\\u001b[31mred", "BOM", "\\uFEFFadmin", "huge string", "y".repeat(20_000)).entrySet()) {
                StringBuilder json = new StringBuilder("{");
                for (int i = 0; i < strings.size(); i++) {
                    json.append(i == 0 ? "" : ",").append('"').append(strings.get(i)).append("\":\"").append(bad.getValue()).append('"');
                }
                cases.add(Case.json(bad.getKey() + " in every string", json.append('}').toString()));
            }
        }
        Map<String, String> leaves = new TreeMap<>();
        for (var bad : Map.of("lone surrogate", F.textNode("\ud800"), "NUL", F.textNode("a\u0000b"),
                "BEL", F.textNode("ding\u0007"), "escape sequence", F.textNode("\u001b[31mred")).entrySet()) {
            // Jackson writes a lone surrogate raw (and UTF-8 would turn it into '?'): send it as the JSON escape
            cases.add(Case.json(bad.getKey() + " in every nested string",
                    deep(schema, "", bad.getValue(), false, leaves).toString().replace("\ud800", "\\ud800")));
        }
        if (leaves.containsValue("date-time")) {
            cases.add(Case.json("number for every date-time", deep(schema, "", F.textNode("x"), true, leaves).toString()));
        }
        return cases;
    }

    /**
     * A body shaped like {@code schema} down to its leaves, every string leaf set to {@code bad} (or, with
     * {@code numberDates}, every date-time to a number and other strings to {@code bad}); {@code leaves} collects
     * the JSON paths of the string leaves.
     */
    static JsonNode deep(JsonNode schema, String path, JsonNode bad, boolean numberDates, Map<String, String> leaves) {
        JsonNode s = OpenApiContract.DOCUMENT.resolve(schema);
        if (s.has("oneOf")) {
            for (JsonNode option : s.get("oneOf")) {
                if (!OpenApiContract.DOCUMENT.resolve(option).path("type").asText().equals("null")) {
                    return deep(option, path, bad, numberDates, leaves);
                }
            }
        }
        if (s.has("properties")) {
            ObjectNode out = F.objectNode();
            s.get("properties").fields().forEachRemaining(p ->
                    out.set(p.getKey(), deep(p.getValue(), path.isEmpty() ? p.getKey() : path + "." + p.getKey(), bad, numberDates, leaves)));
            return out;
        }
        if (s.path("type").asText().equals("array")) {
            return F.arrayNode().add(deep(s.path("items"), path + "[0]", bad, numberDates, leaves));
        }
        if (isString(s)) {
            boolean date = s.path("format").asText().equals("date-time");
            leaves.put(path, date ? "date-time" : "string");
            return date && numberDates ? F.numberNode(123) : bad;
        }
        return wrongValue(s).isTextual() ? F.numberNode(1) : F.booleanNode(false);
    }

    static boolean isString(JsonNode schema) {
        JsonNode type = schema.path("type");
        return type.asText().equals("string") || (type.isArray() && type.toString().contains("string")) || schema.has("enum");
    }

    static JsonNode wrongValue(JsonNode schema) {
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText();
        return switch (type) {
            case "string" -> F.numberNode(12345);
            case "integer", "number" -> F.textNode("12");
            case "boolean" -> F.textNode("true");
            case "array" -> F.textNode("not-a-list");
            case "object" -> F.arrayNode().add(1);
            default -> schema.has("enum") ? F.numberNode(1) : F.objectNode().put("x", 1);
        };
    }

    static Map<String, List<String>> snapshot() {
        Map<String, List<String>> tables = new TreeMap<>();
        for (var e : api.env.variables().entrySet()) {
            if (!e.getKey().endsWith("_TABLE") || e.getKey().equals("AUDIT_TABLE") || e.getKey().equals("EPHEMERAL_TABLE")) {
                continue;
            }
            List<String> items = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                var from = start;
                var page = api.stack.clients().dynamoDb().scan(b -> b.tableName(e.getValue()).exclusiveStartKey(from));
                page.items().forEach(i -> items.add(new TreeMap<>(i).toString()));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            items.sort(String::compareTo);
            tables.put(e.getKey(), items);
        }
        return tables;
    }

    @Test
    void everyRouteAnswersHostileInputWithA4xxProblemAndChangesNothing() {
        var before = snapshot();
        assertThat(before.get("ACCOUNTS_TABLE")).isNotEmpty();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        int sent = 0;
        for (Route route : api.api.routes()) {
            if (route.access() instanceof Route.Access.Probe) {
                continue; // reads nothing of the request: whatever it carries, the answer is the same 200
            }
            String path = route.template().replace("{botId}", "111").replaceAll("\\{[^}]+}", "01ARZ3NDEKTSV4RRFFQ69G5FAV");
            List<Case> cases = new ArrayList<>(envelopeCases());
            OpenApiContract.DOCUMENT.requestSchema(route.method(), route.template()).ifPresent(s -> cases.addAll(schemaCases(s)));
            for (Case c : cases) {
                var response = api.call(route.method(), path).as(owner).raw(c.body(), c.contentType()).send();
                String what = route.method() + " " + route.template() + " / " + c.name();
                assertThat(response.status()).as("%s answered %s", what, response.text()).isBetween(400, 499);
                assertThat(response.header("content-type")).as(what).startsWith("application/problem+json");
                JsonNode problem = response.json();
                assertThat(problem.path("code").asText()).as(what).isNotEmpty();
                if (response.status() == 422) {
                    assertThat(problem.path("errors")).as("%s names the bad fields", what).isNotEmpty();
                    problem.path("errors").forEach(e -> assertThat(e.path("field").asText()).as(what).isNotEmpty());
                }
                if (c.name().contains("every nested string") && response.status() == 422) {
                    assertThat(problem.path("errors").get(0).path("code").asText()).as("%s: %s", what, response.text())
                            .isIn("INVALID_CHARACTERS", "WRONG_TYPE", "NOT_ALLOWED");
                }
                statuses.merge(response.status() + "", 1, Integer::sum);
                sent++;
            }
        }
        // the owner's session is untouched (logout with bad input did not happen) and nothing else changed
        api.call("GET", "/api/me").as(owner).send().expect(200);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(statuses).containsKeys("400", "413", "415", "422");
        System.out.println("bad-input requests: " + sent + " by status " + statuses);
    }

    @Test
    void queryParametersWithControlCharactersOrBrokenTextAreNeverAServerError() {
        int refused = 0;
        for (Route route : api.api.routes()) {
            if (!route.method().equals("GET") || route.template().equals("/api/health")) {
                continue; // health answers 503 here for the unreachable Telegram, whatever the query
            }
            String path = route.template().replace("{botId}", "111").replaceAll("\\{[^}]+}", "01ARZ3NDEKTSV4RRFFQ69G5FAV");
            for (String name : List.of("cursor", "limit", "from", "to", "actor", "action", "outcome", "targetId", "botId",
                    "tag", "language", "status", "q")) {
                for (String bad : List.of("a\u0000b", "\u0007", "\u001b[31m", "\ud800")) {
                    var r = api.call("GET", path).as(owner).query(name, bad).send();
                    String what = "GET " + route.template() + "?" + name;
                    assertThat(r.status()).as("%s: %s", what, r.text()).isLessThan(500);
                    if (r.status() == 422) {
                        assertThat(r.json().path("errors").get(0).path("field").asText()).as(what).isEqualTo(name);
                        refused++;
                    }
                }
            }
        }
        assertThat(refused).isPositive();
    }

    /** Where a body is read before any lookup, text that cannot be stored or sent is refused naming its field. */
    @Test
    void campaignContentAndAudienceRefuseBrokenTextAndNumericDates() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("content.text", "{\"name\":\"n\",\"content\":{\"text\":\"hi \\ud800\"}}");
        cases.put("content.text ", "{\"name\":\"n\",\"content\":{\"text\":\"ring\\u0007\"}}");
        cases.put("content.keyboard[0][0].text", "{\"name\":\"n\",\"content\":{\"text\":\"hi\","
                + "\"keyboard\":[[{\"text\":\"\\udfff\",\"url\":\"https://example.com\"}]]}}");
        cases.put("content.text  ", "{\"name\":\"n\",\"content\":{\"text\":\"cap\\u0000\",\"media\":{\"kind\":\"photo\","
                + "\"url\":\"https://example.com/a.jpg\"}}}");
        cases.put("audience.tags[1]", "{\"name\":\"n\",\"content\":{\"text\":\"hi\"},\"audience\":{\"tags\":[\"ok\",\"\\ud800\"]}}");
        cases.put("audience.joinedFrom", "{\"name\":\"n\",\"content\":{\"text\":\"hi\"},\"audience\":{\"joinedFrom\":123}}");
        cases.put("audience.tags[0]", "{\"name\":\"n\",\"content\":{\"text\":\"hi\"},\"audience\":{\"tags\":[\"\"]}}");
        cases.put("audience.tags[0] ", "{\"name\":\"n\",\"content\":{\"text\":\"hi\"},\"audience\":{\"tags\":[\"" + "t".repeat(65) + "\"]}}");
        cases.put("audience.tags", "{\"name\":\"n\",\"content\":{\"text\":\"hi\"},\"audience\":{\"tags\":["
                + "\"t\",".repeat(20) + "\"t\"]}}");
        cases.put("name", "{\"name\":\" \\t \",\"content\":{\"text\":\"hi\"}}");
        cases.forEach((field, body) -> {
            var r = api.call("POST", "/api/bots/111/campaigns").as(owner).json(body).send();
            assertThat(r.status()).as("%s: %s", body, r.text()).isEqualTo(422);
            assertThat(r.json().path("errors")).extracting(e -> e.path("field").asText()).as(body).contains(field.trim());
        });
    }

    @Test
    void fieldErrorsNameTheFieldPath() {
        var r = api.call("POST", "/api/api-keys").as(owner)
                .json("{\"name\": \"k\", \"scopes\": [\"bots_read\", 7]}").send().expect(422);
        assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("scopes[1]");
        var unknown = api.call("POST", "/api/auth/login").json("{\"email\": \"a@b.co\", \"password\": \"x\", \"admin\": true}")
                .send().expect(422);
        assertThat(unknown.json().path("errors").get(0).path("field").asText()).isEqualTo("admin");
        assertThat(unknown.json().path("errors").get(0).path("code").asText()).isEqualTo("UNKNOWN_FIELD");
        var missing = api.call("POST", "/api/invites").as(owner).json("{}").send().expect(422);
        assertThat(missing.json().path("errors")).extracting(e -> e.path("field").asText()).containsExactly("email", "role");
    }
}
