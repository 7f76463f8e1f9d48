package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;

/**
 * The control API under {@code /control/}: the {@link TelegramEmulator} operations as JSON over HTTP, for the
 * local demo and non-Java tools. Errors answer {@code {"error": "..."}} with 400, or 404 for unknown routes.
 */
final class ControlApiHandler {

    private static final int MAX_BATCH = 100_000;

    private final TelegramEmulator emulator;

    ControlApiHandler(TelegramEmulator emulator) {
        this.emulator = emulator;
    }

    void handle(HttpCall call, String route) {
        JsonNode body = readBody(call);
        String[] path = route.split("/");
        String method = call.method();
        Object result;
        try {
            result = route(method, path, body);
        } catch (IllegalArgumentException | NullPointerException e) {
            call.respondJson(400, Json.object().put("error", String.valueOf(e.getMessage())));
            return;
        }
        if (result == null) {
            call.respondJson(404, Json.object().put("error", "no such control route: " + method + " /control/" + route));
            return;
        }
        call.respondJson(200, result);
    }

    /** Returns the JSON answer, or null when no route matches. */
    private Object route(String method, String[] path, JsonNode body) {
        String route = method + " " + shape(path);
        return switch (route) {
            case "POST reset" -> {
                emulator.reset();
                yield ok();
            }
            case "PUT media-urls" -> {
                emulator.fetchMediaUrls(body.path("fetch").asBoolean(true));
                yield ok();
            }
            case "POST bots" -> createBot(body);
            case "POST bots/*/revoke-token" -> bot(emulator.revokeToken(id(path[1])));
            case "POST users" -> {
                boolean startedBots = body.path("startedBots").asBoolean(true);
                yield user(emulator.createUser(required(body, "firstName"), text(body, "username"),
                        text(body, "languageCode"), startedBots)).put("startedBots", startedBots);
            }
            case "POST users/batch" -> userBatch(body);
            case "POST users/*/deactivate" -> {
                emulator.deactivateUser(id(path[1]));
                yield ok();
            }
            case "POST groups" -> group(createGroup(body));
            case "POST groups/*/migrate" -> group(emulator.migrateGroupToSupergroup(id(path[1])))
                    .put("migratedFromChatId", id(path[1]));
            case "POST bots/*/users/*/send" -> updateId(emulator.userSendsText(id(path[1]), id(path[3]), required(body, "text")));
            case "POST bots/*/users/*/start" -> updateId(emulator.userSendsStart(id(path[1]), id(path[3]), text(body, "payload")));
            case "POST bots/*/users/*/press" -> updateId(emulator.userPressesButton(id(path[1]), id(path[3]),
                    body.path("messageId").asLong(), required(body, "data")));
            case "POST bots/*/users/*/block" -> updateId(emulator.userBlocksBot(id(path[1]), id(path[3])));
            case "POST bots/*/users/*/unblock" -> updateId(emulator.userUnblocksBot(id(path[1]), id(path[3])));
            case "POST bots/*/groups/*/kick" -> updateId(emulator.kickBotFromGroup(id(path[1]), id(path[3])));
            case "POST bots/*/groups/*/add" -> updateId(emulator.addBotToGroup(id(path[1]), id(path[3])));
            case "GET bots/*/chats/*/messages" -> messages(emulator.messagesReceivedBy(id(path[1]), id(path[3])));
            case "GET bots/*/calls" -> calls(emulator.calls(id(path[1])));
            case "GET bots/*/uploads" -> uploads(emulator.uploads(id(path[1])));
            case "GET bots/*/stats" -> Json.object().put("totalMessagesSent", emulator.totalMessagesSent(id(path[1])));
            case "GET bots/*/webhook" -> webhook(emulator.webhookInfo(id(path[1])));
            case "PUT bots/*/limits" -> {
                emulator.setLimits(id(path[1]), limits(body));
                yield ok();
            }
            case "PUT bots/*/faults" -> {
                emulator.faults(id(path[1]), faults(body));
                yield ok();
            }
            default -> null;
        };
    }

    /** The route with ids replaced by {@code *}, e.g. {@code bots/*}{@code /users/*}{@code /send}. */
    private static String shape(String[] path) {
        StringBuilder shape = new StringBuilder();
        for (int i = 0; i < path.length; i++) {
            if (i > 0) {
                shape.append('/');
            }
            shape.append(i % 2 == 1 && path[i].matches("-?\\d+") ? "*" : path[i]);
        }
        return shape.toString();
    }

    private ObjectNode createBot(JsonNode body) {
        String username = required(body, "username");
        String firstName = body.hasNonNull("firstName") ? body.get("firstName").asText() : username;
        EmulatedBot bot = body.hasNonNull("token")
                ? emulator.createBot(body.path("id").asLong(), body.get("token").asText(), username, firstName)
                : emulator.createBot(username, firstName);
        return bot(bot);
    }

    private static ObjectNode bot(EmulatedBot bot) {
        return Json.object().put("id", bot.id()).put("token", bot.token())
                .put("username", bot.username()).put("firstName", bot.firstName());
    }

    private static Limits limits(JsonNode body) {
        Limits defaults = Limits.TELEGRAM_DEFAULTS;
        return new Limits(
                body.path("perBotPerSecond").asInt(defaults.perBotPerSecond()),
                body.path("paidPerSecond").asInt(defaults.paidPerSecond()),
                body.path("perChatPerSecond").asInt(defaults.perChatPerSecond()),
                body.path("perGroupPerMinute").asInt(defaults.perGroupPerMinute()),
                body.path("perChatBurst").asInt(defaults.perChatBurst()));
    }

    /** Every field is optional; a missing one means "no such fault". */
    private static Faults faults(JsonNode body) {
        return new Faults(
                Duration.ofMillis(body.path("latencyMs").asLong(0)),
                body.path("serverErrorRate").asDouble(0),
                body.path("forced429Count").asInt(0),
                body.path("forced429RetryAfterSeconds").asInt(1),
                body.path("floodWaitSeconds").asInt(0),
                Duration.ofMillis(body.path("acceptedSendDelayMs").asLong(0)),
                body.path("acceptedSendDelayCount").asInt(Faults.EVERY_ACCEPTED_SEND));
    }

    /** {@code "type"} is "supergroup" (the default) or "group" for a basic group. */
    private EmulatedGroup createGroup(JsonNode body) {
        String title = required(body, "title");
        String type = text(body, "type");
        if (type == null || type.equals(EmulatedGroup.SUPERGROUP)) {
            return emulator.createGroup(title);
        }
        if (type.equals(EmulatedGroup.BASIC)) {
            return emulator.createBasicGroup(title);
        }
        throw new IllegalArgumentException("\"type\" must be \"group\" or \"supergroup\"");
    }

    private static ObjectNode group(EmulatedGroup group) {
        return Json.object().put("id", group.id()).put("title", group.title()).put("type", group.type());
    }

    private static ObjectNode user(EmulatedUser user) {
        return Json.object().put("id", user.id()).put("firstName", user.firstName())
                .put("username", user.username()).put("languageCode", user.languageCode());
    }

    /** Benchmarks need thousands of users: one call makes them all ({@code <firstName>1}, {@code <firstName>2}, …). */
    private ObjectNode userBatch(JsonNode body) {
        int count = body.path("count").asInt(0);
        if (count < 1 || count > MAX_BATCH) {
            throw new IllegalArgumentException("\"count\" must be between 1 and " + MAX_BATCH);
        }
        String firstName = required(body, "firstName");
        boolean startedBots = body.path("startedBots").asBoolean(true);
        ObjectNode answer = Json.object();
        ArrayNode ids = answer.putArray("ids");
        for (int i = 1; i <= count; i++) {
            ids.add(emulator.createUser(firstName + i, null, text(body, "languageCode"), startedBots).id());
        }
        return answer;
    }

    private static ArrayNode messages(List<ReceivedMessage> messages) {
        ArrayNode array = Json.array();
        for (ReceivedMessage message : messages) {
            ObjectNode json = array.addObject()
                    .put("messageId", message.messageId())
                    .put("method", message.method())
                    .put("text", message.text())
                    .put("parseMode", message.parseMode())
                    .put("fileId", message.fileId())
                    .put("allowPaidBroadcast", message.allowPaidBroadcast())
                    .put("date", message.date().toString())
                    .put("editDate", message.editDate() == null ? null : message.editDate().toString());
            json.set("entities", Json.MAPPER.valueToTree(message.entities()));
            json.set("replyMarkup", Json.MAPPER.valueToTree(message.replyMarkup()));
        }
        return array;
    }

    private static ArrayNode uploads(List<TelegramEmulator.Upload> uploads) {
        ArrayNode array = Json.array();
        uploads.forEach(u -> array.addObject().put("fileId", u.fileId()).put("kind", u.kind()).put("fileName", u.fileName())
                .put("mimeType", u.mimeType()).put("size", u.size()));
        return array;
    }

    private static ArrayNode calls(List<ApiCall> calls) {
        ArrayNode array = Json.array();
        calls.forEach(call -> array.addObject()
                .put("method", call.method()).put("time", call.time().toString()).put("status", call.status()));
        return array;
    }

    private static ObjectNode webhook(WebhookState state) {
        ObjectNode json = Json.object()
                .put("url", state.url())
                .put("hasCustomCertificate", state.hasCustomCertificate())
                .put("pendingUpdateCount", state.pendingUpdateCount())
                .put("lastErrorDate", state.lastErrorDate() == null ? null : state.lastErrorDate().toString())
                .put("lastErrorMessage", state.lastErrorMessage())
                .put("maxConnections", state.maxConnections())
                .put("hasSecretToken", state.hasSecretToken());
        json.set("allowedUpdates", Json.MAPPER.valueToTree(state.allowedUpdates()));
        return json;
    }

    private static ObjectNode updateId(long updateId) {
        return Json.object().put("updateId", updateId);
    }

    private static ObjectNode ok() {
        return Json.object().put("ok", true);
    }

    private static long id(String segment) {
        return Long.parseLong(segment);
    }

    private static String required(JsonNode body, String field) {
        String value = text(body, field);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("\"" + field + "\" is required");
        }
        return value;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode readBody(HttpCall call) {
        byte[] bytes = call.body();
        JsonNode body = bytes.length == 0 ? null : Json.parse(bytes);
        return body != null && body.isObject() ? body : Json.object();
    }
}
