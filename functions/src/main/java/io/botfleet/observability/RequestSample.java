package io.botfleet.observability;

/**
 * One request as its function's per-request metric record describes it.
 *
 * @param route       method and route template ({@code GET /api/bots/{botId}}), never a raw path
 * @param statusClass the status's first digit (2 for 2xx ... 5 for 5xx)
 */
public record RequestSample(String route, int statusClass, double latencyMs) {}
