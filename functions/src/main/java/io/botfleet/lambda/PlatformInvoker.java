package io.botfleet.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.botfleet.shared.logging.StdoutLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Lambda's entry for every Spring Cloud Function of template.yaml: Spring Cloud Function's {@link FunctionInvoker},
 * with Powertools' Lambda context (request id, function name and version, cold start, service) on every log line of
 * an invocation, and stdout kept to JSON lines from the start, before Spring prints anything.
 */
public class PlatformInvoker extends FunctionInvoker {
    static {
        StdoutLines.install();
        // Spring Boot would otherwise configure java.util.logging's console handler: plain text on stderr
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        PowertoolsLogging.initializeLogging(context);
        try {
            super.handleRequest(input, output, context);
        } finally {
            PowertoolsLogging.clearState(true);
        }
    }
}
