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

    public static void main(String[] args) throws Exception {
        // no java.lang.management here: JMX costs tens of milliseconds the Lambda runtime does not spend
        long mainAt = System.currentTimeMillis();
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        long initAt = System.currentTimeMillis();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of(args[1]))), out, new BenchContext("coldstart-probe", 512, 30_000));
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
