package io.botfleet.telegram.emulator;

/** A simulated Telegram user; the user's private chat with any bot has the same id as the user. */
public record EmulatedUser(long id, String firstName, String username, String languageCode) {
}
