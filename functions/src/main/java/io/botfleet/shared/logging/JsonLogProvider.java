package io.botfleet.shared.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The functions' SLF4J backend: one JSON object per line on stdout, in the shape of Powertools' Lambda JSON layout
 * (level, message, error, the Lambda context fields Powertools puts in the MDC, timestamp, service), plus the
 * correlation ids the handlers put in the MDC. It replaces log4j2 because starting log4j (its plugin registry, its
 * configuration, ~750 classes) was a third of the webhook's cold start; this backend loads a handful of classes.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();
    private ILoggerFactory loggers;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        loggers = new JsonLoggerFactory(LogLevels.global(), new JsonLogWriter(mdc, System.getenv("POWERTOOLS_SERVICE_NAME")));
    }
}
