package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * setMyCommands, getMyCommands and deleteMyCommands. Commands are kept per scope and language code, and
 * getMyCommands answers exactly what was set for that pair (Telegram's fallback from a specific scope to a broader
 * one happens in the user's client, not in this method).
 *
 * <p>Checks run in Telegram's order: the Bot API parses the JSON, tdlib trims each command (dropping one leading
 * "/") and checks lengths, and only then does the server judge the characters and the count.
 */
final class BotCommands {

    private static final int MAX_COMMAND_LENGTH = 32;
    private static final int MAX_DESCRIPTION_LENGTH = 256;
    private static final int MAX_COMMANDS = 100;
    private static final Pattern COMMAND = Pattern.compile("[a-z0-9_]+");
    private static final Pattern LANGUAGE_CODE = Pattern.compile("[a-z]{2}");
    private static final Set<String> BROAD_SCOPES =
            Set.of("default", "all_private_chats", "all_group_chats", "all_chat_administrators");
    private static final Set<String> CHAT_SCOPES = Set.of("chat", "chat_administrators", "chat_member");

    private final ChatAccess access;

    BotCommands(ChatAccess access) {
        this.access = access;
    }

    JsonNode setMyCommands(BotState bot, ApiParams params) {
        ArrayNode commands = commands(params);
        String key = key(params);
        if (commands.isEmpty()) {
            bot.commands().remove(key);
        } else {
            bot.commands().put(key, commands);
        }
        return BooleanNode.TRUE;
    }

    JsonNode getMyCommands(BotState bot, ApiParams params) {
        ArrayNode commands = bot.commands().get(key(params));
        return commands == null ? Json.array() : commands.deepCopy();
    }

    JsonNode deleteMyCommands(BotState bot, ApiParams params) {
        bot.commands().remove(key(params));
        return BooleanNode.TRUE;
    }

    private static ArrayNode commands(ApiParams params) {
        if (!params.has("commands") || params.string("commands").isEmpty()) {
            return Json.array();
        }
        JsonNode list = params.json("commands");
        if (!list.isArray()) {
            throw ApiException.badRequest("expected an Array of BotCommand");
        }
        ArrayNode commands = Json.array();
        for (JsonNode item : list) {
            String command = field(item, "command").trim();
            String description = field(item, "description").trim();
            if (command.startsWith("/")) {
                command = command.substring(1);
            }
            if (command.isEmpty()) {
                throw ApiException.badRequest("command must be non-empty");
            }
            if (command.codePointCount(0, command.length()) > MAX_COMMAND_LENGTH) {
                throw ApiException.badRequest("command length must not exceed " + MAX_COMMAND_LENGTH);
            }
            if (description.isEmpty()) {
                throw ApiException.badRequest("command description must be non-empty");
            }
            if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION_LENGTH) {
                throw ApiException.badRequest("command description length must not exceed " + MAX_DESCRIPTION_LENGTH);
            }
            commands.addObject().put("command", command).put("description", description);
        }
        if (commands.size() > MAX_COMMANDS) {
            throw ApiException.badRequest("BOT_COMMANDS_TOO_MUCH");
        }
        for (JsonNode command : commands) {
            if (!COMMAND.matcher(command.path("command").asText()).matches()) {
                throw ApiException.badRequest("BOT_COMMAND_INVALID");
            }
        }
        return commands;
    }

    private static String field(JsonNode item, String name) {
        if (!item.isObject()) {
            throw ApiException.badRequest("can't parse BotCommand: expected an Object");
        }
        JsonNode value = item.get(name);
        if (value == null || !value.isTextual()) {
            throw ApiException.badRequest("can't parse BotCommand: Can't find field \"" + name + "\"");
        }
        return value.asText();
    }

    /** The scope and language the commands are for, as one key; validates both as Telegram does. */
    private String key(ApiParams params) {
        String language = params.string("language_code");
        if (language != null && !language.isEmpty() && !LANGUAGE_CODE.matcher(language).matches()) {
            throw ApiException.badRequest("invalid language code specified");
        }
        return scope(params) + "|" + (language == null ? "" : language);
    }

    private String scope(ApiParams params) {
        if (!params.has("scope") || params.string("scope").isEmpty()) {
            return "default";
        }
        JsonNode scope = params.json("scope");
        if (!scope.isObject()) {
            throw ApiException.badRequest("can't parse BotCommandScope: BotCommandScope must be an Object");
        }
        if (!scope.hasNonNull("type")) {
            throw ApiException.badRequest("can't parse BotCommandScope: Can't find field \"type\"");
        }
        String type = scope.get("type").asText();
        if (BROAD_SCOPES.contains(type)) {
            return type;
        }
        if (!CHAT_SCOPES.contains(type)) {
            throw ApiException.badRequest("can't parse BotCommandScope: Unsupported type specified");
        }
        if (!scope.hasNonNull("chat_id")) {
            throw ApiException.badRequest("can't parse BotCommandScope: Can't find field \"chat_id\"");
        }
        long chatId = ApiParams.of(Json.object().put("chat_id", scope.get("chat_id").asText())).chatId("chat_id");
        access.requireChat(chatId);
        if (!type.equals("chat_member")) {
            return type + ":" + chatId;
        }
        long userId = scope.path("user_id").asLong(0);
        if (userId <= 0) {
            throw ApiException.badRequest("can't parse BotCommandScope: Invalid user_id specified");
        }
        return type + ":" + chatId + ":" + userId;
    }
}
