package io.botfleet.webhook;

/** Reads a webhook request's body into the facts of one update, or says why it cannot be used. */
public interface UpdateReader {
    TelegramUpdate.Parsed read(byte[] body);
}
