package io.botfleet.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.botfleet.shared.config.Env;
import io.botfleet.webhook.WebhookHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM: builds a handler from the process environment (as Lambda does), handles one event and prints
 * its response. {@code webhook <event.json>} for the real webhook; {@code trivial <event.json>} for the floor, a
 * handler that only answers 200.
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
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainAt = System.currentTimeMillis();
        RequestStreamHandler handler = args[0].equals("webhook") ? new WebhookHandler(Env.system()) : new TrivialHandler();
        long initAt = System.currentTimeMillis();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of(args[1]))), out, null);
        long doneAt = System.currentTimeMillis();
        System.out.println("PHASES jvm->main " + (mainAt - jvmStart) + " ms, init " + (initAt - mainAt) + " ms, first request " + (doneAt - initAt) + " ms");
        System.out.println("RESPONSE " + out.toString(StandardCharsets.UTF_8));
        System.out.flush();
        System.exit(0);
    }
}
