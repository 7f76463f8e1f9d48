package io.botfleet.local.lambda;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Everything a function's processes print, as CloudWatch Logs would keep it: tests read it (to find a leaked
 * secret, say), and the runner echoes it to the console.
 */
public final class FunctionLog {
    private static final int MAX_LINES = 50_000;

    private final Deque<String> lines = new ArrayDeque<>();
    private final Consumer<String> echo;

    FunctionLog(Consumer<String> echo) {
        this.echo = echo;
    }

    void append(String line) {
        synchronized (lines) {
            if (lines.size() == MAX_LINES) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
        echo.accept(line);
    }

    /** Every line kept so far, joined by newlines. */
    public String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
