package io.botfleet.deadletters;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

final class InMemoryFailureReasons implements FailureReasons {
    final Map<String, FailureReason> byId = new LinkedHashMap<>();

    @Override
    public void record(FailureReason reason) {
        byId.put(reason.messageId(), reason);
    }

    @Override
    public Map<String, FailureReason> find(Collection<String> messageIds) {
        Map<String, FailureReason> out = new LinkedHashMap<>();
        messageIds.stream().filter(byId::containsKey).forEach(id -> out.put(id, byId.get(id)));
        return out;
    }

    @Override
    public void forget(Collection<String> messageIds) {
        messageIds.forEach(byId::remove);
    }
}
