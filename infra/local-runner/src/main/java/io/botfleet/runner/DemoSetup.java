package io.botfleet.runner;

import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.EmulatedUser;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.util.ArrayList;
import java.util.List;

/** A demo bot with a few simulated users in the Telegram emulator, so there is something to manage from the start. */
record DemoSetup(EmulatedBot bot, List<EmulatedUser> users) {

    static DemoSetup create(TelegramEmulator telegram) {
        EmulatedBot bot = telegram.createBot("botfleet_demo_bot", "Botfleet Demo");
        String[][] people = {{"Alice", "alice", "en"}, {"Boris", "boris", "ru"}, {"Chen", "chen", "zh"}, {"Dana", "dana", "de"}};
        List<EmulatedUser> users = new ArrayList<>();
        for (String[] p : people) {
            users.add(telegram.createUser(p[0], p[1], p[2]));
        }
        return new DemoSetup(bot, List.copyOf(users));
    }
}
