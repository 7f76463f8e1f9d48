package io.botfleet.local.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Outages on demand: the next calls of an action on a resource answer 500 in the service's protocol, whichever
 * process makes them, so a test can make "the events queue is unavailable" for a function running elsewhere.
 */
public final class Faults {
    private final List<Fault> armed = new CopyOnWriteArrayList<>();

    private record Fault(String action, String resourceSuffix, AtomicInteger remaining) {
        boolean matches(Access access) {
            return access.action().equalsIgnoreCase(action) && access.resource().endsWith(resourceSuffix);
        }
    }

    /**
     * @param action         IAM action name, e.g. {@code sqs:SendMessage} (batch calls authorize as their
     *                       single-message action, so this covers SendMessageBatch too)
     * @param resourceSuffix end of the resource ARN, e.g. {@code :EventsQueue} or {@code table/BotsTable}
     * @param times          how many calls fail; SDK retries count as calls
     */
    public void failNext(String action, String resourceSuffix, int times) {
        armed.add(new Fault(action, resourceSuffix, new AtomicInteger(times)));
    }

    /** Disarms every fault not yet used up. */
    public void clear() {
        armed.clear();
    }

    /** How many injected failures are still to come: zero once every armed call has failed. */
    public int pending() {
        return armed.stream().mapToInt(f -> f.remaining().get()).sum();
    }

    /** Whether this call is one of the failures asked for; consumes one failure when it is. */
    boolean failsNow(List<Access> accesses) {
        for (Fault fault : armed) {
            if (accesses.stream().anyMatch(fault::matches)
                    && fault.remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return true;
            }
        }
        armed.removeIf(f -> f.remaining().get() == 0);
        return false;
    }
}
