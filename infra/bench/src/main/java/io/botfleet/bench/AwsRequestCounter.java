package io.botfleet.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS request of every SDK client in this JVM, by service and operation, with the request body size
 * (for estimating DynamoDB write units). Registered globally through the SDK's
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}, so the functions are measured unchanged.
 */
public final class AwsRequestCounter implements ExecutionInterceptor {
    private static final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> writeUnits = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> writeItems = new ConcurrentHashMap<>();

    private static final ThreadLocal<Boolean> uncounted = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<LongAdder> onThisThread = new ThreadLocal<>();

    /** What an action returned and how many AWS requests it made from its thread. */
    public record Tallied<T>(T value, long requests) {}

    /**
     * Runs {@code action}, counting the requests it makes from this thread (the SDK's synchronous clients run their
     * interceptors on the caller's thread): one function's requests apart from the rest of this JVM's.
     */
    public static <T> Tallied<T> tallied(java.util.function.Supplier<T> action) {
        LongAdder tally = new LongAdder();
        onThisThread.set(tally);
        try {
            T value = action.get();
            return new Tallied<>(value, tally.sum());
        } finally {
            onThisThread.remove();
        }
    }

    /** Runs {@code action} without counting its requests: a benchmark's own polling is not the product's cost. */
    public static <T> T uncounted(java.util.function.Supplier<T> action) {
        uncounted.set(true);
        try {
            return action.get();
        } finally {
            uncounted.set(false);
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (uncounted.get()) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String key = service + "." + operation;
        LongAdder tally = onThisThread.get();
        if (tally != null) {
            tally.increment();
        }
        requests.computeIfAbsent(key, k -> new LongAdder()).increment();
        long units = DynamoWriteUnits.of(context.request());
        if (units > 0) {
            writeUnits.computeIfAbsent(key, k -> new LongAdder()).add(units);
            writeItems.computeIfAbsent(key, k -> new LongAdder()).add(DynamoWriteUnits.items(context.request()));
        }
    }

    /** Long-poll receives that found nothing depend on the poll wait (1 s here, up to 20 s on Lambda): kept apart. */
    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!uncounted.get() && context.response() instanceof software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse r
                && r.messages().isEmpty()) {
            requests.computeIfAbsent("Sqs.ReceiveMessage", k -> new LongAdder()).decrement();
            requests.computeIfAbsent("Sqs.ReceiveMessage(empty)", k -> new LongAdder()).increment();
        }
    }

    public static Map<String, Long> requests() {
        Map<String, Long> out = new TreeMap<>();
        requests.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public static Map<String, Long> writeUnits() {
        Map<String, Long> out = new TreeMap<>();
        writeUnits.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Items written, by operation: a transaction of three updates writes three. */
    public static Map<String, Long> writeItems() {
        Map<String, Long> out = new TreeMap<>();
        writeItems.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public static void reset() {
        requests.clear();
        writeUnits.clear();
        writeItems.clear();
    }
}
