package io.botfleet.runner;

import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.TelegramEmulator;

/** A demo bot with a few simulated users in the Telegram emulator, so the dashboard has something to manage. */
record DemoSetup(EmulatedBot bot, int users) {

    static DemoSetup create(TelegramEmulator telegram) {
        EmulatedBot bot = telegram.createBot("botfleet_demo_bot", "Botfleet Demo");
        String[][] people = {{"Alice", "alice", "en"}, {"Boris", "boris", "ru"}, {"Chen", "chen", "zh"}, {"Dana", "dana", "de"}};
        for (String[] p : people) {
            telegram.createUser(p[0], p[1], p[2]);
        }
        return new DemoSetup(bot, people.length);
    }
}
