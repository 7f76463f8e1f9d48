package io.botfleet.bench.broadcast;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.Invoker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.function.Function;

/**
 * A broadcast function object driven by the local event source with the same event JSON Lambda sends. The
 * benchmarks host the planner and sender in their own JVMs this way, without the runtime client in between, so
 * that CPU time and AWS request counts measure the function's own work.
 */
final class InProcessSender implements Invoker {
    private final Function<SQSEvent, SQSBatchResponse> function;

    InProcessSender(Function<SQSEvent, SQSBatchResponse> function) {
        this.function = function;
    }

    @Override
    public Invocation invoke(byte[] event) {
        ClassLoader loader = getClass().getClassLoader();
        SQSEvent sqs = LambdaEventSerializers.serializerFor(SQSEvent.class, loader).fromJson(new ByteArrayInputStream(event));
        SQSBatchResponse response = function.apply(sqs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(SQSBatchResponse.class, loader).toJson(response, out);
        return Invocation.success(out.toByteArray());
    }
}
