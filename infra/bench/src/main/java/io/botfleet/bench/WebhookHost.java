package io.botfleet.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.lambda.webhook.WebhookHandler;
import io.botfleet.lambda.webhook.WebhookResponse;
import io.botfleet.local.apigateway.FunctionUrlHost;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.shared.json.Json;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The webhook handler in this JVM (its SDK calls counted by {@link AwsRequestCounter}) behind the local stack's
 * function URL host, which builds the event Lambda's function URL builds. Each call runs on a platform thread, so the
 * handler's own CPU time is measured (the thread's, excluding the time it waits for AWS).
 */
final class WebhookHost implements AutoCloseable {
    private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    final AtomicReference<WebhookHandler> handler = new AtomicReference<>();
    private final LongAdder cpuNanos = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final ExecutorService workers = Executors.newFixedThreadPool(16);
    private final FunctionUrlHost host = FunctionUrlHost.start(0, "benchwebhook", this::invoke);

    private Invocation invoke(byte[] event) {
        try {
            return workers.submit(() -> {
                long before = threads.getCurrentThreadCpuTime();
                WebhookResponse response = handler.get().handle(new String(event, java.nio.charset.StandardCharsets.UTF_8));
                cpuNanos.add(threads.getCurrentThreadCpuTime() - before);
                calls.increment();
                ObjectNode answer = Json.MAPPER.createObjectNode().put("statusCode", response.status()).put("body", response.body());
                answer.putObject("headers").put("content-type", "application/json");
                return Invocation.success(Json.MAPPER.writeValueAsBytes(answer));
            }).get();
        } catch (ExecutionException e) {
            return Invocation.failure(e.getCause().getClass().getName(), String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Invocation.failure("Interrupted", "interrupted");
        }
    }

    /** The function URL's base, ending with "/": a bot's webhook is {@code <it>telegram/<botId>}. */
    String url() {
        return host.url();
    }

    /** The handler's CPU time and calls since the last reset. */
    long cpuNanos() {
        return cpuNanos.sum();
    }

    long calls() {
        return calls.sum();
    }

    void resetCpu() {
        cpuNanos.reset();
        calls.reset();
    }

    @Override
    public void close() {
        host.close();
        workers.shutdownNow();
    }
}
