package io.botfleet.local.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Lambda execution environment: a JVM started the way Lambda's java21 runtime starts it (the runtime interface
 * client on the class path, the function's code unpacked as the task root and loaded by the client's own class
 * loader, only Lambda's and the function's environment variables), serving one invocation at a time through its
 * {@link RuntimeApi}. An invocation that overruns the function's timeout ends the environment, as on Lambda.
 */
final class ExecutionEnvironment implements AutoCloseable {
    /** Init is not billed against an invocation's timeout here: on AWS, SnapStart runs it before any invoke. */
    private static final long INIT_LIMIT_MILLIS = 120_000;
    private static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private final FunctionSpec spec;
    private final RuntimeApi api;
    private final Process process;
    private volatile boolean broken;

    private ExecutionEnvironment(FunctionSpec spec, RuntimeApi api, Process process) {
        this.spec = spec;
        this.api = api;
        this.process = process;
    }

    static ExecutionEnvironment start(FunctionSpec spec, Path taskRoot, String runtimeClasspath, FunctionLog log) {
        RuntimeApi api = null;
        try {
            api = new RuntimeApi();
            ProcessBuilder builder = new ProcessBuilder(command(spec, runtimeClasspath))
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true);
            CloudWatchLogShipper.Stream stream = log.newStream("/aws/lambda/" + spec.logicalId());
            Map<String, String> env = builder.environment();
            env.clear();
            env.putAll(lambdaVariables(spec, taskRoot, api.address(), stream));
            env.putAll(spec.environment());
            Process process = builder.start();
            Thread.ofVirtual().name("log-" + spec.logicalId()).start(() -> pump(process, log, stream));
            return new ExecutionEnvironment(spec, api, process);
        } catch (IOException e) {
            if (api != null) {
                api.close();
            }
            throw new UncheckedIOException("cannot start an execution environment for " + spec.logicalId(), e);
        }
    }

    private static List<String> command(FunctionSpec spec, String runtimeClasspath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the flags Lambda's java21 runtime starts the JVM with; the heap is sized from the function's memory
        command.addAll(LambdaJvm.memoryFlags(spec.memoryMb()));
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-XX:+ErrorFileToStderr");
        // quiet on newer JDKs: the runtime client loads its JNI library as the java21 runtime allows by default
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add(RuntimeClientLibrary.jvmFlag());
        command.add("-classpath");
        command.add(runtimeClasspath);
        command.add(RUNTIME_MAIN);
        command.add(spec.handler());
        return command;
    }

    /** The variables Lambda sets for every function (its own ones come on top). */
    private static Map<String, String> lambdaVariables(FunctionSpec spec, Path taskRoot, String runtimeApi,
                                                       CloudWatchLogShipper.Stream stream) {
        String region = spec.environment().getOrDefault("AWS_REGION", "us-east-1");
        return Map.ofEntries(
                Map.entry("PATH", "/usr/local/bin:/usr/bin:/bin"),
                Map.entry("LANG", "en_US.UTF-8"),
                Map.entry("TZ", ":UTC"),
                Map.entry("_HANDLER", spec.handler()),
                Map.entry("LAMBDA_TASK_ROOT", taskRoot.toString()),
                Map.entry("AWS_LAMBDA_RUNTIME_API", runtimeApi),
                Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_java21"),
                Map.entry("AWS_LAMBDA_FUNCTION_NAME", spec.logicalId()),
                Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb())),
                Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"),
                Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", stream.group()),
                Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", stream.name()),
                Map.entry("AWS_REGION", region),
                Map.entry("AWS_DEFAULT_REGION", region));
    }

    private static void pump(Process process, FunctionLog log, CloudWatchLogShipper.Stream stream) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                log.append(stream, line);
            }
        } catch (IOException e) {
            // the process ended; nothing more to read
        }
    }

    boolean usable() {
        return !broken && process.isAlive();
    }

    /** Runs one invocation to its end: a response, an error, a crash of the runtime or the timeout. */
    Invocation invoke(byte[] event) {
        String requestId = UUID.randomUUID().toString();
        long timeoutMillis = spec.timeoutSeconds() * 1000L;
        var pending = new RuntimeApi.Pending(requestId, event, timeoutMillis, functionArn(), new CompletableFuture<>());
        Invocation handedOver = handOver(pending);
        if (handedOver != null) {
            return handedOver;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            try {
                return pending.result().get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!process.isAlive()) {
                    broken = true;
                    return Invocation.failure("Runtime.ExitError", "RequestId: " + requestId
                            + " Error: Runtime exited with error: exit status " + process.exitValue());
                }
                if (System.nanoTime() > deadline) {
                    broken = true;
                    process.destroyForcibly();
                    return Invocation.failure("Sandbox.Timedout", Instant.now() + " " + requestId
                            + " Task timed out after " + String.format(Locale.ROOT, "%.2f", spec.timeoutSeconds() * 1.0) + " seconds");
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + spec.logicalId() + " ran", e);
            }
        }
    }

    /** Waits until the runtime takes the event; null when it did, else the failure of its init. */
    private Invocation handOver(RuntimeApi.Pending pending) {
        long limit = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(INIT_LIMIT_MILLIS);
        try {
            while (!api.offer(pending, 100)) {
                if (api.initError().isDone()) {
                    broken = true;
                    process.destroyForcibly();
                    return new Invocation(api.initError().join().getBytes(StandardCharsets.UTF_8), "Unhandled");
                }
                if (!process.isAlive()) {
                    broken = true;
                    return Invocation.failure("Runtime.ExitError", "RequestId: " + pending.requestId()
                            + " Error: Runtime exited with error: exit status " + process.exitValue());
                }
                if (System.nanoTime() > limit) {
                    broken = true;
                    process.destroyForcibly();
                    return Invocation.failure("Runtime.InitTimeout", spec.logicalId() + " did not ask for an event within "
                            + INIT_LIMIT_MILLIS / 1000 + " s of starting");
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + spec.logicalId() + " started", e);
        }
    }

    private String functionArn() {
        return "arn:aws:lambda:" + spec.environment().getOrDefault("AWS_REGION", "us-east-1")
                + ":123456789012:function:" + spec.logicalId() + ":live";
    }

    @Override
    public void close() {
        broken = true;
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        api.close();
    }
}
