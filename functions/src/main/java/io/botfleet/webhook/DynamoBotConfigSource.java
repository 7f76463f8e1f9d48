package io.botfleet.webhook;

import static io.botfleet.shared.aws.Attributes.s;
import static io.botfleet.shared.aws.Attributes.str;

import io.botfleet.bots.Bot;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The bot's {@code PROFILE} and then its {@code LEASE} item, each a consistent {@code GetItem} (data-model.md
 * pattern 2; an unknown bot costs one read). Not one {@code BatchGetItem}: its request, response and key classes
 * would be the only ones an ordinary update's cold start loads for it (the status changes and the SnapStart priming
 * use {@code GetItem}), each spinning a lambda per field; the read units are the same, and a cached configuration
 * (30 s) makes the second round trip rare. Neither way reads the two items as one snapshot. A stored secret hash
 * counts only for the epoch it was stored for.
 */
public final class DynamoBotConfigSource implements BotConfigSource {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoBotConfigSource(DynamoDbClient dynamoDb, String botsTable) {
        this.dynamoDb = dynamoDb;
        this.table = botsTable;
    }

    @Override
    public Optional<BotConfig> load(String botId) {
        AttributeValue pk = s("BOT#" + botId);
        Map<String, AttributeValue> profile = read(pk, "PROFILE", "#status, replyStart, replyStop, webhookSecretHash, webhookSecretEpoch",
                Map.of("#status", "status"));
        if (profile == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> lease = read(pk, "LEASE", "ownerId, epoch", null);
        if (lease == null || !lease.containsKey("epoch")) {
            return Optional.empty();
        }
        long epoch = Long.parseLong(lease.get("epoch").n());
        boolean hashOfThisEpoch = profile.containsKey("webhookSecretHash") && profile.containsKey("webhookSecretEpoch")
                && Long.parseLong(profile.get("webhookSecretEpoch").n()) == epoch;
        return Optional.of(new BotConfig(botId, str(profile, "status"), new Bot.Replies(str(profile, "replyStart"), str(profile, "replyStop")),
                str(lease, "ownerId"), epoch, hashOfThisEpoch ? Optional.of(profile.get("webhookSecretHash").s()) : Optional.empty()));
    }

    /** The item's projected attributes, or null if there is no such item; {@code names} null when it uses none. */
    private Map<String, AttributeValue> read(AttributeValue pk, String sk, String projection, Map<String, String> names) {
        var response = dynamoDb.getItem(b -> b.tableName(table).key(Map.of("pk", pk, "sk", s(sk))).consistentRead(true)
                .projectionExpression(projection).expressionAttributeNames(names));
        return response.hasItem() ? response.item() : null;
    }
}
