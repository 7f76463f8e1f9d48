package io.botfleet.local.lambda.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** EventBridge's event for a scheduled rule target. */
public final class ScheduledEvents {
    private ScheduledEvents() {}

    public static byte[] event(String ruleArn, String region) {
        ObjectNode event = EventJson.object();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", HttpApiEvents.ACCOUNT_ID);
        event.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.putArray("resources").add(ruleArn);
        event.putObject("detail");
        return EventJson.bytes(event);
    }
}
