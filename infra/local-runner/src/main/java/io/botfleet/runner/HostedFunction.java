package io.botfleet.runner;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * One function of template.yaml hosted in this JVM. Invoked with Lambda's event classes; a stream handler gets the
 * event as JSON written by Lambda's own serializers, exactly as the Lambda runtime would hand it over.
 */
public final class HostedFunction {
    private final String logicalId;
    private final Object handler;
    private final Class<?> inputType;
    private final int memoryMb;
    private final int timeoutSeconds;

    public HostedFunction(String logicalId, Object handler, int memoryMb, int timeoutSeconds) {
        this(logicalId, handler, null, memoryMb, timeoutSeconds);
    }

    /**
     * @param inputType what a typed function declares it takes; an event of another class is handed over the way
     *                  Spring Cloud Function would receive it from Lambda: as JSON, read into that type
     */
    public HostedFunction(String logicalId, Object handler, Class<?> inputType, int memoryMb, int timeoutSeconds) {
        this.logicalId = logicalId;
        this.handler = handler;
        this.inputType = inputType;
        this.memoryMb = memoryMb;
        this.timeoutSeconds = timeoutSeconds;
    }

    public String logicalId() {
        return logicalId;
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public <I, O> O invoke(I event, Class<O> outputType) {
        if (handler instanceof RequestStreamHandler stream) {
            return invokeStream(stream, event, outputType);
        }
        if (handler instanceof Function function) {
            Object input = inputType == null || inputType.isInstance(event) ? event : convert(event, inputType);
            return outputType.cast(function.apply(input));
        }
        throw new IllegalStateException(logicalId + " has an unsupported handler " + handler.getClass());
    }

    @SuppressWarnings("unchecked")
    private static <I> Object convert(I event, Class<?> type) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor((Class<I>) event.getClass(), HostedFunction.class.getClassLoader()).toJson(event, json);
        try {
            return io.botfleet.shared.json.Json.MAPPER.readValue(json.toByteArray(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand a " + event.getClass().getSimpleName() + " to a function of " + type, e);
        }
    }

    @SuppressWarnings("unchecked")
    private <I, O> O invokeStream(RequestStreamHandler stream, I event, Class<O> outputType) {
        try {
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            PojoSerializer<I> eventSerializer = LambdaEventSerializers.serializerFor((Class<I>) event.getClass(), getClass().getClassLoader());
            eventSerializer.toJson(event, in);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(in.toByteArray()), out, new LocalContext(logicalId, memoryMb, timeoutSeconds));
            if (outputType == Void.class) {
                return null;
            }
            return LambdaEventSerializers.serializerFor(outputType, getClass().getClassLoader())
                    .fromJson(new ByteArrayInputStream(out.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
