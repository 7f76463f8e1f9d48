package io.botfleet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.api.ApiHarness;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The command as a deployer runs it: its own JVM, the SDK's default credential and region chains fed by the
 * environment (here pointing at the local stack the way AWS_ENDPOINT_URL points the SDK anywhere).
 */
@LocalAws
class SetupTokenCommandIT {

    @Test
    void printsOnlyTheTokenTheApiAccepts(LocalAwsStack stack) throws Exception {
        ApiHarness api = ApiHarness.start(stack);
        // the stack output PlatformSecretArn is the secret's Ref: its ARN
        Result result = command(stack, "--secret-id", stack.resource("PlatformSecret").ref());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).matches("[0-9a-f]{40}\\R");
        String token = result.out().strip();
        assertThat(result.err()).contains("unknown to this command").doesNotContain(token);
        api.call("POST", "/api/setup").json(Map.of("setupToken", token, "email", "owner@example.com",
                "password", ApiHarness.PASSWORD, "displayName", "Owner")).send().expect(201);
    }

    @Test
    void withoutASecretIdItPrintsUsageAndNoToken(LocalAwsStack stack) throws Exception {
        Result result = command(stack, "--secret-id");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("usage").contains("--secret-id");
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result command(LocalAwsStack stack, String... args) throws Exception {
        List<String> commandLine = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SetupTokenCommand.class.getName()));
        commandLine.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(commandLine);
        builder.environment().putAll(stack.awsEnvironment());
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err.join());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
