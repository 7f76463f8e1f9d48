package io.botfleet.lambda;

import io.botfleet.api.AdminApi;
import io.botfleet.observability.RequestStats;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * One embedded-metric document per admin API request: {@code RequestLatency} (milliseconds) with the dimensions
 * {@code Method}, {@code Route} (the route template: a raw path would make a metric per id) and {@code StatusClass}
 * ({@code 2xx} ... {@code 5xx}). Separate dimensions, since CloudWatch dimension values hold no spaces. CloudWatch counts the requests from the metric's sample count.
 */
final class PowertoolsRequestMetrics implements AdminApi.RequestObserver {
    private final String namespace;

    PowertoolsRequestMetrics(String namespace) {
        this.namespace = namespace;
    }

    @Override
    public void answered(String method, String route, int status, long latencyNanos) {
        MetricsFactory.getMetricsInstance().flushMetrics(m -> {
            m.setNamespace(namespace);
            m.addDimension(DimensionSet.of("Method", method, "Route", route, "StatusClass", statusClass(status)));
            m.addMetric(RequestStats.LATENCY_METRIC, latencyNanos / 1_000_000.0, MetricUnit.MILLISECONDS);
        });
    }

    static String statusClass(int status) {
        return (status / 100) + "xx";
    }
}
