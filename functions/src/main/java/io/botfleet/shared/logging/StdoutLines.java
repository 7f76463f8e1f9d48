package io.botfleet.shared.logging;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a function's stdout one JSON object per line when libraries print to it directly (Spring Cloud Function
 * prints its configuration sources with {@code System.out.println}, whatever the logging set-up): a line that is
 * already a JSON object (a log event, a Powertools EMF metric) passes through unchanged; any other line is logged as
 * the message of an INFO event of the logger {@code stdout}.
 */
public final class StdoutLines extends OutputStream {
    private static final Logger log = LoggerFactory.getLogger("stdout");

    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    StdoutLines(PrintStream target) {
        this.target = target;
    }

    /** Replaces {@code System.out}; the log events themselves go to the stdout there was before. */
    public static synchronized void install() {
        if (System.out instanceof Installed) {
            return;
        }
        PrintStream original = System.out;
        JsonLogWriter.useStream(original);
        System.setOut(new Installed(new StdoutLines(original)));
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        target.flush();
    }

    private void flushLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            target.println(trimmed);
        } else {
            log.info(trimmed);
        }
    }

    /** Marks the replaced stream, so installing twice is harmless. */
    private static final class Installed extends PrintStream {
        Installed(OutputStream out) {
            super(out, true, StandardCharsets.UTF_8);
        }
    }
}
