package io.botfleet.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botfleet.local.lambda.fixture.TestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local Lambda service keeps Lambda's contract with a function: only the function's own environment, the
 * deadline in the context, the timeout that ends the environment, a crash that does too, and the payload limits.
 * The function is a one-class deployment package built here.
 */
class ExecutionEnvironmentTest {
    @TempDir
    static Path dir;
    private static LambdaFunction function;

    @BeforeAll
    static void deploy() throws IOException {
        Path artifact = dir.resolve("test-function.jar");
        String entry = TestHandler.class.getName().replace('.', '/') + ".class";
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(artifact));
             InputStream in = TestHandler.class.getClassLoader().getResourceAsStream(entry)) {
            zip.putNextEntry(new ZipEntry(entry));
            in.transferTo(zip);
            zip.closeEntry();
        }
        FunctionSpec spec = new FunctionSpec("TestFunction", TestHandler.class.getName() + "::handleRequest", artifact,
                256, 2, Map.of("GREETING", "hello", "AWS_REGION", "us-east-1"));
        function = new LambdaFunction(spec, RuntimeClasspath.get(), 1, new FunctionLog(line -> { }));
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    private static String answer(String command) {
        Invocation result = function.invoke(("\"" + command + "\"").getBytes(StandardCharsets.UTF_8));
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        return result.payloadText().replace("\"", "");
    }

    @Test
    void theFunctionSeesItsOwnEnvironmentAndLambdasVariablesOnly() {
        assertThat(answer("env GREETING")).isEqualTo("hello");
        assertThat(answer("env AWS_LAMBDA_FUNCTION_NAME")).isEqualTo("TestFunction");
        assertThat(answer("env AWS_LAMBDA_FUNCTION_MEMORY_SIZE")).isEqualTo("256");
        assertThat(answer("env HOME")).as("nothing leaks from the host's environment").isEqualTo("null");
    }

    @Test
    void theContextCarriesTheTimeoutAsDeadline() {
        assertThat(Integer.parseInt(answer("deadline"))).isBetween(1, 2000);
    }

    @Test
    void anInvocationOverItsTimeoutEndsTheEnvironmentAndTheNextStartsFresh() {
        Invocation timedOut = function.invoke("\"sleep 5000\"".getBytes(StandardCharsets.UTF_8));
        assertThat(timedOut.functionError()).isEqualTo("Unhandled");
        assertThat(timedOut.payloadText()).contains("Sandbox.Timedout").contains("Task timed out after 2.00 seconds");
        assertThat(answer("echo")).isEqualTo("echo");
    }

    @Test
    void aCrashIsAnErrorAndTheNextInvocationStartsFresh() {
        Invocation crashed = function.invoke("\"crash\"".getBytes(StandardCharsets.UTF_8));
        assertThat(crashed.payloadText()).contains("Runtime.ExitError");
        assertThat(answer("echo")).isEqualTo("echo");
    }

    @Test
    void aThrownErrorIsReportedAsLambdaDoes() {
        Invocation failed = function.invoke("\"fail\"".getBytes(StandardCharsets.UTF_8));
        assertThat(failed.functionError()).isEqualTo("Unhandled");
        assertThat(failed.payloadText()).contains("\"errorType\":\"java.lang.IllegalStateException\"").contains("asked to fail");
    }

    @Test
    void payloadsOverSixMegabytesAreRefused() {
        assertThatThrownBy(() -> function.invoke(new byte[LambdaFunction.PAYLOAD_LIMIT + 1]))
                .isInstanceOf(LambdaFunction.RequestTooLargeException.class);
        Invocation big = function.invoke(("\"big " + (LambdaFunction.PAYLOAD_LIMIT + 10) + "\"").getBytes(StandardCharsets.UTF_8));
        assertThat(big.payloadText()).contains("Function.ResponseSizeTooLarge");
    }

    @Test
    void aClassMissingFromTheArtifactFailsTheInvocation() throws IOException {
        FunctionSpec missing = new FunctionSpec("Missing", "io.botfleet.nowhere.Handler::handleRequest",
                dir.resolve("test-function.jar"), 256, 2, Map.of());
        try (LambdaFunction broken = new LambdaFunction(missing, RuntimeClasspath.get(), 1, new FunctionLog(line -> { }))) {
            Invocation result = broken.invoke("{}".getBytes(StandardCharsets.UTF_8));
            assertThat(result.failed()).isTrue();
            assertThat(result.payloadText()).contains("ClassNotFoundException");
        }
    }
}
