package io.botfleet.live;

import io.botfleet.bots.Bot;
import io.botfleet.bots.BotStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bot's health as dashboards follow it ({@code bot:<botId>}): its status, whether Telegram refused its token, and
 * its webhook's state. The version is the bot's own, which every change of the profile raises (a revoked or replaced
 * token among them).
 */
public final class BotFeed implements TopicSource {
    private final BotStore bots;
    private final LivePublisher publisher;

    public BotFeed(BotStore bots, LivePublisher publisher) {
        this.bots = bots;
        this.publisher = publisher;
    }

    public Optional<LiveMessage> ofBot(String botId) {
        return bots.get(botId).map(b -> new LiveMessage(LiveTopics.bot(botId), b.version(), state(b)));
    }

    /** Pushes the bot's current health to the connections that may see it. */
    public void publish(String botId) {
        ofBot(botId).ifPresent(m -> publisher.publish(botId, m));
    }

    @Override
    public Optional<State> current(String topic) {
        return LiveTopics.parseBot(topic).flatMap(botId -> ofBot(botId).map(m -> new State(botId, m)));
    }

    private static Map<String, Object> state(Bot b) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("botId", b.botId());
        state.put("status", b.status());
        state.put("tokenRevoked", b.tokenRevokedAt() != null);
        state.put("tokenRevokedAt", b.tokenRevokedAt() == null ? null : b.tokenRevokedAt().toString());
        state.put("webhookState", b.webhookState());
        return state;
    }
}
