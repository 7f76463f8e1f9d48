package io.botfleet.broadcast.send;

import com.fasterxml.jackson.core.type.TypeReference;
import io.botfleet.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The send queue's message body: one {@link SendBatch} as JSON, or several consecutive ones of a bot as a JSON array
 * (paid broadcasts: ten batches, 1,000 recipients, per message, so the queue costs a tenth of the requests).
 */
public final class SendBatchJson {
    private static final TypeReference<List<SendBatch>> BATCHES = new TypeReference<>() {};

    private SendBatchJson() {}

    public static String encode(SendBatch batch) {
        return Json.write(batch);
    }

    public static String encode(List<SendBatch> batches) {
        return batches.size() == 1 ? encode(batches.getFirst()) : Json.write(batches);
    }

    /** @return the batches of one message, in order (at least one, all of one bot) */
    public static List<SendBatch> decode(String body) {
        try {
            List<SendBatch> batches = body.stripLeading().startsWith("[")
                    ? Json.MAPPER.readValue(body, BATCHES) : List.of(Json.MAPPER.readValue(body, SendBatch.class));
            if (batches.isEmpty() || batches.contains(null)) {
                throw new IllegalArgumentException("a send message holds at least one batch");
            }
            if (batches.stream().map(SendBatch::botId).distinct().count() > 1) {
                throw new IllegalArgumentException("a send message holds the batches of one bot");
            }
            return List.copyOf(batches);
        } catch (IOException e) {
            throw new UncheckedIOException("not a send batch", e);
        }
    }
}
