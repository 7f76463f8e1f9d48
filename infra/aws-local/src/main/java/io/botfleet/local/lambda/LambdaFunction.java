package io.botfleet.local.lambda;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * One deployed function: its execution environments, started on demand (a cold start on the invoking thread, as on
 * Lambda) up to a concurrency limit, each serving one invocation at a time and reused while it stays healthy.
 */
public final class LambdaFunction implements Invoker, AutoCloseable {
    private final FunctionSpec spec;
    private final Path taskRoot;
    private final String runtimeClasspath;
    private final FunctionLog log;
    private final Semaphore concurrency;
    private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
    private final List<ExecutionEnvironment> all = new ArrayList<>();

    LambdaFunction(FunctionSpec spec, String runtimeClasspath, int maxConcurrency, FunctionLog log) {
        this.spec = spec;
        this.taskRoot = TaskRoot.of(spec.codeUri());
        this.runtimeClasspath = runtimeClasspath;
        this.log = log;
        this.concurrency = new Semaphore(maxConcurrency, true);
    }

    public FunctionSpec spec() {
        return spec;
    }

    /** Lambda's limit on a synchronous invocation's request and response payloads. */
    public static final int PAYLOAD_LIMIT = 6 * 1024 * 1024;

    /** Invokes the function with the raw event JSON, waiting for a free environment if all are busy. */
    @Override
    public Invocation invoke(byte[] event) {
        if (event.length > PAYLOAD_LIMIT) {
            throw new RequestTooLargeException(spec.logicalId(), event.length);
        }
        concurrency.acquireUninterruptibly();
        try {
            ExecutionEnvironment environment = idleOrNew();
            try {
                Invocation result = environment.invoke(event);
                return result.payload().length > PAYLOAD_LIMIT
                        ? Invocation.failure("Function.ResponseSizeTooLarge", "Response payload size exceeded maximum allowed payload size ("
                                + PAYLOAD_LIMIT + " bytes).")
                        : result;
            } finally {
                release(environment);
            }
        } finally {
            concurrency.release();
        }
    }

    private ExecutionEnvironment idleOrNew() {
        synchronized (idle) {
            while (!idle.isEmpty()) {
                ExecutionEnvironment e = idle.removeFirst();
                if (e.usable()) {
                    return e;
                }
                discard(e);
            }
        }
        ExecutionEnvironment created = ExecutionEnvironment.start(spec, taskRoot, runtimeClasspath, log);
        synchronized (idle) {
            all.add(created);
        }
        return created;
    }

    private void release(ExecutionEnvironment environment) {
        synchronized (idle) {
            if (environment.usable() && all.contains(environment)) {
                idle.addFirst(environment);
            } else {
                discard(environment);
            }
        }
    }

    private void discard(ExecutionEnvironment environment) {
        all.remove(environment);
        environment.close();
    }

    /** Ends every environment; the next invocation starts a fresh one (as after a deployment). */
    public void recycle() {
        List<ExecutionEnvironment> ending;
        synchronized (idle) {
            ending = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        ending.forEach(ExecutionEnvironment::close);
    }

    @Override
    public void close() {
        recycle();
    }

    /** The Invoke API's RequestEntityTooLargeException: the event never reaches the function. */
    public static final class RequestTooLargeException extends RuntimeException {
        RequestTooLargeException(String function, int size) {
            super(function + ": request payload of " + size + " bytes exceeds Lambda's " + PAYLOAD_LIMIT + " bytes");
        }
    }
}
