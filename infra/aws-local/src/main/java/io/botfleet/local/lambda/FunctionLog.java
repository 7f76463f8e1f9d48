package io.botfleet.local.lambda;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Everything a function's processes print: kept here for tests to read (to find a leaked secret, say), echoed by
 * the runner to the console, and, when a shipper is given, sent to the function's CloudWatch Logs group as Lambda
 * does, one stream per execution environment.
 */
public final class FunctionLog {
    private static final int MAX_LINES = 50_000;

    private final Deque<String> lines = new ArrayDeque<>();
    private final Consumer<String> echo;
    private final String function;
    private final String group;
    private final CloudWatchLogShipper shipper;

    /** Lines kept in memory and echoed only. */
    FunctionLog(Consumer<String> echo) {
        this(echo, null, null, null);
    }

    /** @param group the function's log group ({@code LoggingConfig.LogGroup}, else {@code /aws/lambda/<function>}) */
    FunctionLog(Consumer<String> echo, String function, String group, CloudWatchLogShipper shipper) {
        this.echo = echo;
        this.function = function;
        this.group = group;
        this.shipper = shipper;
    }

    /** The stream a new execution environment writes to, in {@code defaultGroup} when this log names none. */
    CloudWatchLogShipper.Stream newStream(String defaultGroup) {
        return CloudWatchLogShipper.newStream(function, group == null ? defaultGroup : group);
    }

    void append(CloudWatchLogShipper.Stream stream, String line) {
        synchronized (lines) {
            if (lines.size() == MAX_LINES) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
        echo.accept(line);
        if (shipper != null) {
            shipper.ship(stream, line);
        }
    }

    /** Every line kept so far, joined by newlines. */
    public String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
