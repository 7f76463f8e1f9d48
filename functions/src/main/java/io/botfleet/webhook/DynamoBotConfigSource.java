package io.botfleet.webhook;

import static io.botfleet.shared.aws.Attributes.s;
import static io.botfleet.shared.aws.Attributes.str;

import io.botfleet.bots.Bot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * One {@code BatchGetItem} of the bot's {@code PROFILE} and {@code LEASE} items (data-model.md pattern 2). A stored
 * secret hash counts only for the epoch it was stored for.
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
        var response = dynamoDb.batchGetItem(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder()
                .keys(List.of(Map.of("pk", pk, "sk", s("PROFILE")),
                        Map.of("pk", pk, "sk", s("LEASE"))))
                .projectionExpression("sk, #status, replyStart, replyStop, webhookSecretHash, webhookSecretEpoch, ownerId, epoch")
                .expressionAttributeNames(Map.of("#status", "status"))
                .consistentRead(true)
                .build())));
        Map<String, AttributeValue> profile = null;
        Map<String, AttributeValue> lease = null;
        for (var item : response.responses().getOrDefault(table, List.of())) {
            if ("PROFILE".equals(item.get("sk").s())) {
                profile = item;
            } else {
                lease = item;
            }
        }
        if (profile == null || lease == null || !lease.containsKey("epoch")) {
            return Optional.empty();
        }
        long epoch = Long.parseLong(lease.get("epoch").n());
        boolean hashOfThisEpoch = profile.containsKey("webhookSecretHash") && profile.containsKey("webhookSecretEpoch")
                && Long.parseLong(profile.get("webhookSecretEpoch").n()) == epoch;
        return Optional.of(new BotConfig(botId, str(profile, "status"), new Bot.Replies(str(profile, "replyStart"), str(profile, "replyStop")),
                str(lease, "ownerId"), epoch, hashOfThisEpoch ? Optional.of(profile.get("webhookSecretHash").s()) : Optional.empty()));
    }
}
