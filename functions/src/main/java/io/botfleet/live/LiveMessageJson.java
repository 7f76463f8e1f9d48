package io.botfleet.live;

import io.botfleet.shared.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** A pushed message as the dashboard reads it: {@code {"topic":..., "version":..., "state":{...}}}. */
public final class LiveMessageJson {
    private LiveMessageJson() {}

    public static String encode(LiveMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic", message.topic());
        body.put("version", message.version());
        body.put("state", message.state());
        return Json.write(body);
    }
}
