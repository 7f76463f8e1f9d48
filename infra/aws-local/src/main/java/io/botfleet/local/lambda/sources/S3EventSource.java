package io.botfleet.local.lambda.sources;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.gateway.ObjectCreated;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.Invoker;
import io.botfleet.local.lambda.events.S3Events;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bucket's notification to a function (a SAM {@code S3} event): each object created in the bucket whose event and
 * key match the configuration is sent to the function as S3 sends it, asynchronously, with Lambda's retries of an
 * asynchronous invocation (two more attempts after a failure).
 */
public final class S3EventSource implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(S3EventSource.class);
    static final int ATTEMPTS = 3;

    /** A key filter rule: {@code prefix} or {@code suffix} and its value. */
    public record Rule(String name, String value) {
        boolean matches(String key) {
            return name.equalsIgnoreCase("prefix") ? key.startsWith(value) : key.endsWith(value);
        }
    }

    /** @param events e.g. {@code s3:ObjectCreated:*} or {@code s3:ObjectCreated:Put} */
    public record Notification(String functionId, String configurationId, String bucket, List<String> events, List<Rule> rules) {
        boolean matches(ObjectCreated o) {
            return o.bucket().equals(bucket) && rules.stream().allMatch(r -> r.matches(o.key()))
                    && events.stream().anyMatch(e -> e.equals("s3:ObjectCreated:*") || e.equals("s3:" + o.eventName()));
        }
    }

    private final LocalAwsStack stack;
    private final Consumer<ObjectCreated> listener;

    private S3EventSource(LocalAwsStack stack, Notification notification, Invoker function) {
        this.stack = stack;
        this.listener = created -> {
            if (notification.matches(created)) {
                Thread.ofVirtual().name("s3-event-" + notification.functionId()).start(() -> deliver(notification, function, created));
            }
        };
    }

    public static S3EventSource start(LocalAwsStack stack, Notification notification, Invoker function) {
        S3EventSource source = new S3EventSource(stack, notification, function);
        stack.onObjectCreated(source.listener);
        return source;
    }

    private static void deliver(Notification notification, Invoker function, ObjectCreated created) {
        byte[] event = S3Events.event(created, notification.configurationId(), LocalAwsStack.REGION, Instant.now());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Invocation result = function.invoke(event);
                if (!result.failed()) {
                    return;
                }
                log.warn("{} failed on s3://{}/{} (attempt {} of {})", notification.functionId(), created.bucket(),
                        created.key(), attempt, ATTEMPTS);
            } catch (RuntimeException e) {
                log.warn("{} could not be invoked for s3://{}/{}", notification.functionId(), created.bucket(), created.key(), e);
            }
        }
    }

    @Override
    public void close() {
        stack.removeObjectListener(listener);
    }
}
