package io.botfleet.local.junit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures everything logged (every logger, every level, with stack traces) and everything printed to stdout and
 * stderr while open, so a test can assert that a secret never appears in any of it.
 */
public final class LogCapture implements AutoCloseable {
    private final StringWriter logs = new StringWriter();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final WriterAppender appender;
    private final Level originalLevel;

    public LogCapture() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName("capture-" + System.nanoTime()).setTarget(logs)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %logger %msg %throwable%n").build()).build();
        appender.start();
        LoggerConfig root = config.getRootLogger();
        originalLevel = root.getLevel();
        root.addAppender(appender, Level.ALL, null);
        root.setLevel(Level.ALL);
        context.updateLoggers();
        PrintStream tee = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(new TeeStream(originalOut, tee), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new TeeStream(originalErr, tee), true, StandardCharsets.UTF_8));
    }

    /** Everything captured so far. */
    public String text() {
        return logs + "\n" + printed.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender(appender.getName());
        root.setLevel(originalLevel);
        context.updateLoggers();
        appender.stop();
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
