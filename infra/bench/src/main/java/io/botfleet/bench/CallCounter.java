package io.botfleet.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts SDK calls by "Service.Operation" (one count per API call, retries not included), and the DynamoDB write
 * units they cost (from the items' sizes, see {@link DynamoWriteUnits}).
 */
public final class CallCounter implements ExecutionInterceptor {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong writeUnits = new AtomicLong();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String key = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "." + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        writeUnits.addAndGet(DynamoWriteUnits.of(context.request()));
    }

    public void reset() {
        counts.clear();
        writeUnits.set(0);
    }

    /** DynamoDB write units of the calls counted. */
    public long writeUnits() {
        return writeUnits.get();
    }

    public long count(String service, String... operations) {
        long total = 0;
        for (String op : operations) {
            AtomicLong c = counts.get(service + "." + op);
            total += c == null ? 0 : c.get();
        }
        return total;
    }

    public Map<String, AtomicLong> all() {
        return counts;
    }
}
