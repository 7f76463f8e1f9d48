package io.botfleet.deadletters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Dead-letter queues in memory: each id has its waiting messages and the source queue they go back to. */
final class InMemoryDeadLetterQueues implements DeadLetterQueues {
    final Map<String, List<DeadMessage>> dead = new LinkedHashMap<>();
    final Map<String, List<String>> source = new LinkedHashMap<>();

    InMemoryDeadLetterQueues(String... ids) {
        for (String id : ids) {
            dead.put(id, new ArrayList<>());
            source.put(id, new ArrayList<>());
        }
    }

    @Override
    public List<String> ids() {
        return List.copyOf(dead.keySet());
    }

    @Override
    public long count(String queue) {
        return dead.get(queue).size();
    }

    @Override
    public List<DeadMessage> peek(String queue, int max) {
        return List.copyOf(dead.get(queue).subList(0, Math.min(max, dead.get(queue).size())));
    }

    @Override
    public List<String> redrive(String queue, Optional<String> messageId) {
        List<DeadMessage> taken = take(queue, messageId);
        taken.forEach(m -> source.get(queue).add(m.body()));
        return taken.stream().map(DeadMessage::messageId).toList();
    }

    @Override
    public List<String> discard(String queue, Optional<String> messageId) {
        return take(queue, messageId).stream().map(DeadMessage::messageId).toList();
    }

    private List<DeadMessage> take(String queue, Optional<String> messageId) {
        List<DeadMessage> taken = dead.get(queue).stream()
                .filter(m -> messageId.map(m.messageId()::equals).orElse(true)).toList();
        dead.get(queue).removeAll(taken);
        return taken;
    }
}
