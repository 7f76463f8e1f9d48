package io.botfleet.webhook;

import io.botfleet.shared.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/** One {@code SendMessage} per update to the (standard) events queue. */
public final class SqsEventSink implements EventSink {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsEventSink(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(List<BotEvent> events) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("v", 1);
        body.put("events", events);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(body)));
    }
}
