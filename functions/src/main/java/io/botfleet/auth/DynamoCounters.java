package io.botfleet.auth;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link Counters} on the EphemeralTable ({@code pk} only, TTL {@code expiresAt}). DynamoDB's TTL deletes lazily and
 * the emulator never does, so every read checks {@code expiresAt} itself.
 */
public final class DynamoCounters implements Counters {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCounters(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public long increment(String key, Instant expiresAt) {
        var response = dynamo.updateItem(b -> b.tableName(table).key(Map.of("pk", s(key)))
                .updateExpression("ADD hits :one SET expiresAt = if_not_exists(expiresAt, :exp)")
                .expressionAttributeValues(Map.of(":one", n(1),
                        ":exp", n(expiresAt.getEpochSecond())))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(response.attributes().get("hits").n());
    }

    @Override
    public Optional<Failures> failures(String key, Instant now) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", s(key))).consistentRead(true));
        if (!item.hasItem() || !item.item().containsKey("failures")) {
            return Optional.empty();
        }
        long expires = Long.parseLong(item.item().get("expiresAt").n());
        if (expires <= now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(new Failures(Long.parseLong(item.item().get("failures").n()),
                Instant.ofEpochMilli(Long.parseLong(item.item().get("lastFailureAt").n()))));
    }

    @Override
    public Failures recordFailure(String key, Instant now, Instant expiresAt) {
        // an expired-but-not-yet-deleted item starts over rather than adding to stale failures
        var response = dynamo.updateItem(b -> b.tableName(table).key(Map.of("pk", s(key)))
                .updateExpression("ADD failures :one SET lastFailureAt = :now, expiresAt = :exp")
                .expressionAttributeValues(Map.of(":one", n(1),
                        ":now", n(now.toEpochMilli()),
                        ":exp", n(expiresAt.getEpochSecond())))
                .returnValues(ReturnValue.ALL_OLD));
        var old = response.attributes();
        long previous = 0;
        if (old != null && old.containsKey("failures") && Long.parseLong(old.get("expiresAt").n()) > now.getEpochSecond()) {
            previous = Long.parseLong(old.get("failures").n());
        } else if (old != null && old.containsKey("failures")) {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("pk", s(key)))
                    .updateExpression("SET failures = :one")
                    .expressionAttributeValues(Map.of(":one", n(1))));
        }
        return new Failures(previous + 1, now);
    }

    @Override
    public void clear(String key) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of("pk", s(key))));
    }
}
