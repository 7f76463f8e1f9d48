package io.botfleet.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM on one function's deployment artifact: {@code <handler class> <event.json>} instantiates the
 * template's handler class through its no-argument constructor, as the Lambda runtime does (configuration from the
 * process environment), handles one event and prints the response. {@link TrivialHandler} is the floor.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {}

    /** The floor: a stream handler that answers 200 and does nothing else. */
    public static final class TrivialHandler implements RequestStreamHandler {
        @Override
        public void handleRequest(java.io.InputStream input, java.io.OutputStream output, com.amazonaws.services.lambda.runtime.Context context)
                throws java.io.IOException {
            input.readAllBytes();
            output.write("{\"statusCode\":200,\"body\":\"{}\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What the Lambda runtime hands a handler: the invocation's ids, the function's name, version and memory. */
    static final class ProbeContext implements com.amazonaws.services.lambda.runtime.Context {
        @Override public String getAwsRequestId() { return "coldstart-probe"; }
        @Override public String getLogGroupName() { return "/aws/lambda/probe"; }
        @Override public String getLogStreamName() { return "probe"; }
        @Override public String getFunctionName() { return System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "probe"); }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:" + getFunctionName(); }
        @Override public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() { return null; }
        @Override public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 30_000; }
        @Override public int getMemoryLimitInMB() { return 512; }
        @Override public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() { return null; }
    }

    public static void main(String[] args) throws Exception {
        // no java.lang.management here: JMX costs tens of milliseconds the Lambda runtime does not spend
        long mainAt = System.currentTimeMillis();
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        long initAt = System.currentTimeMillis();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of(args[1]))), out, new ProbeContext());
        long doneAt = System.currentTimeMillis();
        System.out.println("RESPONSE " + out.toString(StandardCharsets.UTF_8));
        System.out.flush();
        // after the response, so reading it costs the measured time nothing; CPU is steadier than wall time on a busy machine
        long cpuMs = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
        System.out.println("PHASES init " + (initAt - mainAt) + " ms, first request " + (doneAt - initAt) + " ms, process cpu " + cpuMs + " ms");
        System.out.flush();
        System.exit(0);
    }
}
