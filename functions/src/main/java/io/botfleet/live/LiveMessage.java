package io.botfleet.live;

import java.util.Map;

/**
 * One state pushed to dashboards: the whole current state of a topic ({@code campaign:<botId>:<campaignId>},
 * {@code bot:<botId>}) with a version that only grows, so a client keeps the newest and ignores the rest.
 */
public record LiveMessage(String topic, long version, Map<String, Object> state) {}
