package io.botfleet.shared.aws;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import java.util.function.Function;

/**
 * Binds the raw event Lambda hands a function to its aws-lambda-java-events type with Lambda's own serializers (the
 * ones the Java runtime uses for typed handlers). Spring Cloud Function's conversion guesses from an API Gateway
 * event's body instead (a JSON array body replaces the event and the invocation fails), so every bean takes the raw
 * event and binds it here.
 */
public final class LambdaEvents {
    private LambdaEvents() {}

    public static <T> T read(InputStream event, Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, LambdaEvents.class.getClassLoader()).fromJson(event);
    }

    /** {@code function} behind the binding of its event type. */
    public static <T, R> Function<InputStream, R> bound(Class<T> type, Function<T, R> function) {
        return event -> function.apply(read(event, type));
    }
}
