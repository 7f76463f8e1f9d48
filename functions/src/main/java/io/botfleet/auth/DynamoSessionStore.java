package io.botfleet.auth;

import static io.botfleet.auth.DynamoAccountsTable.userKey;
import static io.botfleet.shared.aws.Attributes.instant;
import static io.botfleet.shared.aws.Attributes.key;
import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;
import static io.botfleet.shared.aws.Attributes.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link SessionStore} on the AccountsTable: sessions {@code USER#<id>/SESSION#<familyId>}, beside the user's profile
 * so that one batch read returns both.
 */
public final class DynamoSessionStore implements SessionStore {
    private final DynamoAccountsTable table;

    public DynamoSessionStore(DynamoDbClient dynamo, String table) {
        this.table = new DynamoAccountsTable(dynamo, table);
    }

    @Override
    public void createSession(Session session) {
        Map<String, AttributeValue> item = sessionKey(session.userId(), session.familyId());
        item.put("familyId", s(session.familyId()));
        item.put("tokenHash", s(session.tokenHash()));
        item.put("spentHashes", AttributeValue.fromL(List.of()));
        item.put("generation", n(session.generation()));
        item.put("createdAt", s(session.createdAt().toString()));
        item.put("lastUsedAt", s(session.lastUsedAt().toString()));
        item.put("expiresAt", n(session.expiresAt().getEpochSecond()));
        item.put("ip", s(session.ip()));
        item.put("userAgent", s(session.userAgent()));
        table.dynamo.putItem(b -> b.tableName(table.name).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<UserSession> userSession(String userId, String familyId) {
        var keys = KeysAndAttributes.builder().consistentRead(true)
                .keys(userKey(userId), sessionKey(userId, familyId)).build();
        var response = table.dynamo.batchGetItem(b -> b.requestItems(Map.of(table.name, keys)));
        User user = null;
        Session session = null;
        for (var item : response.responses().getOrDefault(table.name, List.of())) {
            if (item.get("sk").s().equals("PROFILE")) {
                user = DynamoAccountsTable.user(item);
            } else {
                session = session(item);
            }
        }
        if (!response.unprocessedKeys().isEmpty()) {
            // throttled: fall back to single reads rather than guess
            user = table.userById(userId).orElse(null);
            session = read(userId, familyId).map(DynamoSessionStore::session).orElse(null);
        }
        return user == null ? Optional.empty() : Optional.of(new UserSession(user, Optional.ofNullable(session)));
    }

    @Override
    public Rotation rotateRefreshToken(String userId, String familyId, String presentedHash, String newHash, Instant now) {
        var read = read(userId, familyId);
        if (read.isEmpty()) {
            return Rotation.INVALID;
        }
        Session session = session(read.get());
        List<String> spent = read.get().containsKey("spentHashes")
                ? read.get().get("spentHashes").l().stream().map(AttributeValue::s).toList() : List.of();
        if (!session.liveAt(now)) {
            return Rotation.INVALID;
        }
        if (Secrets.constantTimeEquals(session.tokenHash(), presentedHash)) {
            List<AttributeValue> nextSpent = new ArrayList<>();
            nextSpent.add(s(presentedHash));
            spent.stream().limit(SPENT_HASHES_KEPT - 1).forEach(h -> nextSpent.add(s(h)));
            try {
                table.dynamo.updateItem(b -> b.tableName(table.name).key(sessionKey(userId, familyId))
                        .updateExpression("SET tokenHash = :n, generation = generation + :one, lastUsedAt = :now, spentHashes = :spent")
                        .conditionExpression("tokenHash = :p AND generation = :g AND attribute_not_exists(revokedAt)")
                        .expressionAttributeValues(Map.of(":n", s(newHash), ":one", n(1), ":now", s(now.toString()),
                                ":spent", AttributeValue.fromL(nextSpent), ":p", s(presentedHash),
                                ":g", n(session.generation()))));
                return Rotation.ROTATED;
            } catch (ConditionalCheckFailedException e) {
                // another request rotated the same token first: the token was used twice
                revokeSession(userId, familyId, now);
                return Rotation.REUSE_DETECTED;
            }
        }
        if (spent.stream().anyMatch(h -> Secrets.constantTimeEquals(h, presentedHash))) {
            revokeSession(userId, familyId, now);
            return Rotation.REUSE_DETECTED;
        }
        return Rotation.INVALID;
    }

    @Override
    public void revokeSession(String userId, String familyId, Instant now) {
        try {
            table.dynamo.updateItem(b -> b.tableName(table.name).key(sessionKey(userId, familyId))
                    .updateExpression("SET revokedAt = :now")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(revokedAt)")
                    .expressionAttributeValues(Map.of(":now", s(now.toString()))));
        } catch (ConditionalCheckFailedException e) {
            // absent or already revoked: the outcome the caller wants
        }
    }

    @Override
    public void revokeAllSessions(String userId, Instant now) {
        List<String> families = table.queryAll(QueryRequest.builder().tableName(table.name)
                .keyConditionExpression("pk = :p AND begins_with(sk, :s)")
                .expressionAttributeValues(Map.of(":p", s("USER#" + userId), ":s", s("SESSION#"))).build(),
                item -> item.get("familyId").s());
        families.forEach(f -> revokeSession(userId, f, now));
    }

    private Optional<Map<String, AttributeValue>> read(String userId, String familyId) {
        var item = table.dynamo.getItem(b -> b.tableName(table.name).key(sessionKey(userId, familyId)).consistentRead(true));
        return item.hasItem() ? Optional.of(item.item()) : Optional.empty();
    }

    private static Map<String, AttributeValue> sessionKey(String userId, String familyId) {
        return key("USER#" + userId, "SESSION#" + familyId);
    }

    private static Session session(Map<String, AttributeValue> item) {
        return new Session(item.get("pk").s().substring("USER#".length()), item.get("familyId").s(),
                item.get("tokenHash").s(), Long.parseLong(item.get("generation").n()),
                Instant.parse(item.get("createdAt").s()), Instant.parse(item.get("lastUsedAt").s()),
                Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n())), instant(item.get("revokedAt")),
                text(item.get("ip")), text(item.get("userAgent")));
    }
}
