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

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String key = service + "." + operation;
        requests.computeIfAbsent(key, k -> new LongAdder()).increment();
        if ("DynamoDb".equals(service) && operation.matches("PutItem|UpdateItem|DeleteItem|TransactWriteItems|BatchWriteItem")) {
            long bytes = context.requestBody().flatMap(b -> b.optionalContentLength()).orElse(0L);
            // one write unit per started KB of item; the request JSON slightly overstates the item, so this is an upper bound
            long units = Math.max(1, (bytes + 1023) / 1024) * (operation.equals("TransactWriteItems") ? 2 : 1);
            writeUnits.computeIfAbsent(key, k -> new LongAdder()).add(units);
        }
    }

    /** Long-poll receives that found nothing depend on the poll wait (1 s here, up to 20 s on Lambda): kept apart. */
    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.response() instanceof software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse r
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

    public static void reset() {
        requests.clear();
        writeUnits.clear();
    }
}
