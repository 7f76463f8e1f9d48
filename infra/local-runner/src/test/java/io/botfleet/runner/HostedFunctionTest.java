package io.botfleet.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HostedFunctionTest {

    @Test
    void aScheduledEventReachesAFunctionOfMapsAsLambdaWouldHandItOver() {
        Function<Map<String, Object>, String> heartbeat = event -> String.valueOf(event.get("detail-type"));
        HostedFunction hosted = new HostedFunction("Heartbeat", heartbeat, Map.class, 256, 30);
        String result = hosted.invoke(ScheduleTimer.event("rule"), String.class);
        assertThat(result).isEqualTo("Scheduled Event");
    }
}
