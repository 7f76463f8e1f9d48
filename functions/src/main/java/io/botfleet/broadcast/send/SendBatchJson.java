package io.botfleet.broadcast.send;

import io.botfleet.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The send queue's message body: a {@link SendBatch} as JSON. */
public final class SendBatchJson {
    private SendBatchJson() {}

    public static String encode(SendBatch batch) {
        return Json.write(batch);
    }

    public static SendBatch decode(String body) {
        try {
            return Json.MAPPER.readValue(body, SendBatch.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a send batch", e);
        }
    }
}
