package io.botfleet.telegram.emulator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BotCommandsTest extends EmulatorTestBase {

    @Test
    void commandsSetAreTheCommandsGotTrimmedAndWithoutTheSlash() {
        EmulatedBot bot = emulator.createBot("commands_bot", "Commands Bot");

        BotApiClient.Answer set = api.form(bot.token(), "setMyCommands", Map.of("commands",
                "[{\"command\":\" /start \",\"description\":\" Begin \"},{\"command\":\"help_2\",\"description\":\"Help\"}]"));
        BotApiClient.Answer got = api.get(bot.token(), "getMyCommands");

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.result().asBoolean()).isTrue();
        assertThat(got.result()).hasSize(2);
        assertThat(got.result().get(0).path("command").asText()).isEqualTo("start");
        assertThat(got.result().get(0).path("description").asText()).isEqualTo("Begin");
        assertThat(got.result().get(1).path("command").asText()).isEqualTo("help_2");
    }

    @Test
    void eachScopeAndLanguageHasItsOwnList() {
        EmulatedBot bot = emulator.createBot("scoped_bot", "Scoped Bot");
        EmulatedUser user = emulator.createUser("Hana", "hana", "de");
        Map<String, String> privateChats = Map.of("type", "all_private_chats");
        Map<String, Object> oneChat = Map.of("type", "chat", "chat_id", user.id());

        api.json(bot.token(), "setMyCommands", Map.of("commands", List.of(command("start", "Los")),
                "scope", privateChats, "language_code", "de"));
        api.json(bot.token(), "setMyCommands", Map.of("commands", List.of(command("vip", "For you")), "scope", oneChat));

        assertThat(api.get(bot.token(), "getMyCommands").result()).isEmpty();
        assertThat(api.json(bot.token(), "getMyCommands", Map.of("scope", privateChats)).result()).isEmpty();
        assertThat(api.json(bot.token(), "getMyCommands", Map.of("scope", privateChats, "language_code", "de"))
                .result().get(0).path("command").asText()).isEqualTo("start");
        assertThat(api.json(bot.token(), "getMyCommands", Map.of("scope", oneChat)).result().get(0).path("command")
                .asText()).isEqualTo("vip");
    }

    @Test
    void invalidCommandsAreRefusedWithTelegramsTextsAndLeaveTheListAlone() {
        EmulatedBot bot = emulator.createBot("strict_bot", "Strict Bot");
        api.json(bot.token(), "setMyCommands", Map.of("commands", List.of(command("start", "Begin"))));

        assertThat(set(bot, command("Start", "Begin"))).isEqualTo("Bad Request: BOT_COMMAND_INVALID");
        assertThat(set(bot, command("with-dash", "Begin"))).isEqualTo("Bad Request: BOT_COMMAND_INVALID");
        assertThat(set(bot, command("c".repeat(33), "Begin"))).isEqualTo("Bad Request: command length must not exceed 32");
        assertThat(set(bot, command("/", "Begin"))).isEqualTo("Bad Request: command must be non-empty");
        assertThat(set(bot, command("start", " "))).isEqualTo("Bad Request: command description must be non-empty");
        assertThat(set(bot, command("start", "d".repeat(257))))
                .isEqualTo("Bad Request: command description length must not exceed 256");
        assertThat(set(bot, many(101))).isEqualTo("Bad Request: BOT_COMMANDS_TOO_MUCH");
        assertThat(api.json(bot.token(), "setMyCommands", Map.of("commands", Map.of("command", "x"))).description())
                .isEqualTo("Bad Request: expected an Array of BotCommand");
        assertThat(api.json(bot.token(), "setMyCommands", Map.of("commands", List.of(Map.of("command", "x"))))
                .description()).isEqualTo("Bad Request: can't parse BotCommand: Can't find field \"description\"");
        assertThat(api.json(bot.token(), "setMyCommands", Map.of("commands", List.of(command("a", "b")),
                "language_code", "deu")).description()).isEqualTo("Bad Request: invalid language code specified");
        assertThat(api.json(bot.token(), "setMyCommands", Map.of("commands", List.of(command("a", "b")),
                "scope", Map.of("type", "everyone"))).description())
                .isEqualTo("Bad Request: can't parse BotCommandScope: Unsupported type specified");
        assertThat(api.json(bot.token(), "setMyCommands", Map.of("commands", List.of(command("a", "b")),
                "scope", Map.of("type", "chat", "chat_id", 42))).description()).isEqualTo("Bad Request: chat not found");

        assertThat(api.get(bot.token(), "getMyCommands").result()).hasSize(1);
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        EmulatedBot bot = emulator.createBot("edge_bot", "Edge Bot");

        BotApiClient.Answer longest = api.json(bot.token(), "setMyCommands",
                Map.of("commands", List.of(command("c".repeat(32), "d".repeat(256)))));
        BotApiClient.Answer hundred = api.json(bot.token(), "setMyCommands", Map.of("commands", many(100)));

        assertThat(longest.status()).isEqualTo(200);
        assertThat(hundred.status()).isEqualTo(200);
        assertThat(api.get(bot.token(), "getMyCommands").result()).hasSize(100);
    }

    @Test
    void deleteMyCommandsAndAnEmptyListClearTheList() {
        EmulatedBot bot = emulator.createBot("clear_bot", "Clear Bot");
        api.json(bot.token(), "setMyCommands", Map.of("commands", List.of(command("start", "Begin"))));

        BotApiClient.Answer deleted = api.json(bot.token(), "deleteMyCommands", Map.of());
        List<Integer> sizes = new ArrayList<>();
        sizes.add(api.get(bot.token(), "getMyCommands").result().size());
        api.json(bot.token(), "setMyCommands", Map.of("commands", List.of(command("start", "Begin"))));
        sizes.add(api.get(bot.token(), "getMyCommands").result().size());
        api.json(bot.token(), "setMyCommands", Map.of("commands", List.of()));
        sizes.add(api.get(bot.token(), "getMyCommands").result().size());

        assertThat(deleted.result().asBoolean()).isTrue();
        assertThat(sizes).containsExactly(0, 1, 0);
    }

    private static String set(EmulatedBot bot, Object commands) {
        List<?> list = commands instanceof List<?> l ? l : List.of(commands);
        BotApiClient.Answer answer = api.json(bot.token(), "setMyCommands", Map.of("commands", list));
        assertThat(answer.status()).isEqualTo(400);
        return answer.description();
    }

    private static Map<String, String> command(String command, String description) {
        return Map.of("command", command, "description", description);
    }

    private static List<Map<String, String>> many(int count) {
        List<Map<String, String>> commands = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            commands.add(command("c" + i, "command " + i));
        }
        return commands;
    }
}
