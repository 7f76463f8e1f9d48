package io.botfleet.live;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Records what was pushed to whom; connections marked gone answer 410 as API Gateway does. */
final class RecordingPush implements LivePush {
    record Pushed(String connectionId, LiveMessage message) {}

    final List<Pushed> pushed = new ArrayList<>();
    final Set<String> gone = new HashSet<>();

    @Override
    public Result push(String connectionId, LiveMessage message) {
        if (gone.contains(connectionId)) {
            return Result.GONE;
        }
        pushed.add(new Pushed(connectionId, message));
        return Result.DELIVERED;
    }

    List<String> recipients() {
        return pushed.stream().map(Pushed::connectionId).toList();
    }
}
