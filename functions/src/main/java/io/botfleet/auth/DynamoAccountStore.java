package io.botfleet.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link AccountStore} on the AccountsTable (layout in docs/security.md): users {@code USER#<id>/PROFILE}, e-mail guards
 * {@code EMAIL#<email>/EMAIL}, sessions {@code USER#<id>/SESSION#<familyId>}, API keys {@code APIKEY#<prefix>/APIKEY},
 * invites {@code INVITE#<id>/INVITE}, setup state {@code SYSTEM/SETUP}.
 */
public final class DynamoAccountStore implements AccountStore {
    /** Spent refresh-token hashes kept per family for reuse detection (older ones are merely invalid). */
    static final int SPENT_HASHES_KEPT = 16;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAccountStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    // ---------------------------------------------------------------- setup and users

    @Override
    public boolean setupCompleted() {
        return dynamo.getItem(b -> b.tableName(table).key(key("SYSTEM", "SETUP")).consistentRead(true)).hasItem();
    }

    @Override
    public void createOwner(User owner, Instant now) {
        Map<String, AttributeValue> setup = key("SYSTEM", "SETUP");
        setup.put("completedAt", s(now.toString()));
        setup.put("ownerUserId", s(owner.userId()));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(setup)
                            .conditionExpression("attribute_not_exists(pk)")).build(),
                    putUser(owner),
                    putEmailGuard(owner)));
        } catch (TransactionCanceledException e) {
            throw new ConflictException(failedAt(e, 0) ? ConflictException.Reason.SETUP_DONE : ConflictException.Reason.EMAIL_TAKEN);
        }
    }

    @Override
    public Optional<User> userById(String userId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key("USER#" + userId, "PROFILE")).consistentRead(true));
        return item.hasItem() ? Optional.of(user(item.item())) : Optional.empty();
    }

    @Override
    public Optional<User> userByEmail(String emailLowercase) {
        var guard = dynamo.getItem(b -> b.tableName(table).key(key("EMAIL#" + emailLowercase, "EMAIL")).consistentRead(true));
        // without a guard, read a profile that cannot exist: both paths cost two reads (no timing hint)
        String userId = guard.hasItem() ? guard.item().get("userId").s() : "~none";
        return userById(userId);
    }

    @Override
    public List<User> listUsers() {
        return queryAll(QueryRequest.builder().tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :p").expressionAttributeValues(Map.of(":p", s("USERS"))).build(),
                this::user);
    }

    @Override
    public User updateUser(User u) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":role", s(u.role().name().toLowerCase(Locale.ROOT)));
        values.put(":bots", stringList(u.botIds()));
        values.put(":status", s(u.status().name().toLowerCase(Locale.ROOT)));
        values.put(":name", s(u.displayName()));
        values.put(":hash", s(u.passwordHash()));
        values.put(":v", n(u.version()));
        values.put(":one", n(1));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key("USER#" + u.userId(), "PROFILE"))
                    .updateExpression("SET #role = :role, botIds = :bots, #status = :status, displayName = :name, "
                            + "passwordHash = :hash, version = version + :one")
                    .conditionExpression("version = :v")
                    .expressionAttributeNames(Map.of("#role", "role", "#status", "status"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException(ConflictException.Reason.VERSION_MISMATCH);
        }
        return new User(u.userId(), u.email(), u.displayName(), u.role(), u.botIds(), u.status(), u.passwordHash(),
                u.createdAt(), u.lastLoginAt(), u.version() + 1);
    }

    @Override
    public void recordLogin(String userId, Instant at) {
        dynamo.updateItem(b -> b.tableName(table).key(key("USER#" + userId, "PROFILE"))
                .updateExpression("SET lastLoginAt = :t").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":t", s(at.toString()))));
    }

    // ---------------------------------------------------------------- sessions

    @Override
    public void createSession(Session session) {
        Map<String, AttributeValue> item = key("USER#" + session.userId(), "SESSION#" + session.familyId());
        item.put("familyId", s(session.familyId()));
        item.put("tokenHash", s(session.tokenHash()));
        item.put("spentHashes", AttributeValue.fromL(List.of()));
        item.put("generation", n(session.generation()));
        item.put("createdAt", s(session.createdAt().toString()));
        item.put("lastUsedAt", s(session.lastUsedAt().toString()));
        item.put("expiresAt", n(session.expiresAt().getEpochSecond()));
        item.put("ip", s(session.ip()));
        item.put("userAgent", s(session.userAgent()));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<UserSession> userSession(String userId, String familyId) {
        var keys = KeysAndAttributes.builder().consistentRead(true)
                .keys(key("USER#" + userId, "PROFILE"), key("USER#" + userId, "SESSION#" + familyId)).build();
        var response = dynamo.batchGetItem(b -> b.requestItems(Map.of(table, keys)));
        User user = null;
        Session session = null;
        for (var item : response.responses().getOrDefault(table, List.of())) {
            if (item.get("sk").s().equals("PROFILE")) {
                user = user(item);
            } else {
                session = session(item);
            }
        }
        if (!response.unprocessedKeys().isEmpty()) {
            // throttled: fall back to single reads rather than guess
            user = userById(userId).orElse(null);
            var s = dynamo.getItem(b -> b.tableName(table).key(key("USER#" + userId, "SESSION#" + familyId)).consistentRead(true));
            session = s.hasItem() ? session(s.item()) : null;
        }
        return user == null ? Optional.empty() : Optional.of(new UserSession(user, Optional.ofNullable(session)));
    }

    @Override
    public Rotation rotateRefreshToken(String userId, String familyId, String presentedHash, String newHash, Instant now) {
        Map<String, AttributeValue> key = key("USER#" + userId, "SESSION#" + familyId);
        var read = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true));
        if (!read.hasItem()) {
            return Rotation.INVALID;
        }
        Session session = session(read.item());
        List<String> spent = read.item().containsKey("spentHashes")
                ? read.item().get("spentHashes").l().stream().map(AttributeValue::s).toList() : List.of();
        if (!session.liveAt(now)) {
            return Rotation.INVALID;
        }
        if (Secrets.constantTimeEquals(session.tokenHash(), presentedHash)) {
            List<AttributeValue> nextSpent = new ArrayList<>();
            nextSpent.add(s(presentedHash));
            spent.stream().limit(SPENT_HASHES_KEPT - 1).forEach(h -> nextSpent.add(s(h)));
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key)
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
            dynamo.updateItem(b -> b.tableName(table).key(key("USER#" + userId, "SESSION#" + familyId))
                    .updateExpression("SET revokedAt = :now")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(revokedAt)")
                    .expressionAttributeValues(Map.of(":now", s(now.toString()))));
        } catch (ConditionalCheckFailedException e) {
            // absent or already revoked: the outcome the caller wants
        }
    }

    @Override
    public void revokeAllSessions(String userId, Instant now) {
        List<String> families = queryAll(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :p AND begins_with(sk, :s)")
                .expressionAttributeValues(Map.of(":p", s("USER#" + userId), ":s", s("SESSION#"))).build(),
                item -> item.get("familyId").s());
        families.forEach(f -> revokeSession(userId, f, now));
    }

    // ---------------------------------------------------------------- API keys

    @Override
    public void createApiKey(ApiKey k) {
        Map<String, AttributeValue> item = key("APIKEY#" + k.prefix(), "APIKEY");
        item.put("gsi1pk", s("APIKEYS"));
        item.put("gsi1sk", s(k.createdAt() + "#" + k.prefix()));
        item.put("prefix", s(k.prefix()));
        item.put("name", s(k.name()));
        item.put("secretHash", s(k.secretHash()));
        item.put("role", s(k.role().name().toLowerCase(Locale.ROOT)));
        item.put("scopes", stringList(k.scopes().stream().map(Enum::name).toList()));
        item.put("botIds", stringList(k.botIds()));
        item.put("createdBy", s(k.createdBy()));
        item.put("createdAt", s(k.createdAt().toString()));
        if (k.expiresAt() != null) {
            item.put("keyExpiresAt", s(k.expiresAt().toString()));
        }
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<ApiKey> apiKey(String prefix) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key("APIKEY#" + prefix, "APIKEY")));
        return item.hasItem() ? Optional.of(apiKey(item.item())) : Optional.empty();
    }

    @Override
    public List<ApiKey> listApiKeys() {
        return queryAll(QueryRequest.builder().tableName(table).indexName("gsi1").scanIndexForward(false)
                .keyConditionExpression("gsi1pk = :p").expressionAttributeValues(Map.of(":p", s("APIKEYS"))).build(),
                this::apiKey);
    }

    @Override
    public boolean revokeApiKey(String prefix, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key("APIKEY#" + prefix, "APIKEY"))
                    .updateExpression("SET revokedAt = if_not_exists(revokedAt, :now)")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":now", s(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void touchApiKey(String prefix, Instant now, Duration granularity) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key("APIKEY#" + prefix, "APIKEY"))
                    .updateExpression("SET lastUsedAt = :now")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :before)")
                    .expressionAttributeValues(Map.of(":now", s(now.toString()), ":before", s(now.minus(granularity).toString()))));
        } catch (ConditionalCheckFailedException e) {
            // used recently: nothing to record
        }
    }

    // ---------------------------------------------------------------- invites

    @Override
    public void createInvite(Invite i) {
        Map<String, AttributeValue> item = key("INVITE#" + i.inviteId(), "INVITE");
        item.put("gsi1pk", s("INVITES"));
        item.put("gsi1sk", s(i.createdAt() + "#" + i.inviteId()));
        item.put("inviteId", s(i.inviteId()));
        item.put("email", s(i.email()));
        item.put("role", s(i.role().name().toLowerCase(Locale.ROOT)));
        item.put("botIds", stringList(i.botIds()));
        item.put("secretHash", s(i.secretHash()));
        item.put("invitedBy", s(i.invitedBy()));
        item.put("createdAt", s(i.createdAt().toString()));
        item.put("expiresAt", n(i.expiresAt().getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<Invite> invite(String inviteId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key("INVITE#" + inviteId, "INVITE")).consistentRead(true));
        return item.hasItem() ? Optional.of(invite(item.item())) : Optional.empty();
    }

    @Override
    public List<Invite> listInvites() {
        return queryAll(QueryRequest.builder().tableName(table).indexName("gsi1").scanIndexForward(false)
                .keyConditionExpression("gsi1pk = :p").expressionAttributeValues(Map.of(":p", s("INVITES"))).build(),
                this::invite);
    }

    @Override
    public boolean deleteInvite(String inviteId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key("INVITE#" + inviteId, "INVITE"))
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(acceptedAt)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void acceptInvite(String inviteId, String secretHash, User user, Instant now) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(key("INVITE#" + inviteId, "INVITE"))
                            .updateExpression("SET acceptedAt = :now, acceptedBy = :user REMOVE gsi1pk, gsi1sk")
                            .conditionExpression("attribute_exists(pk) AND attribute_not_exists(acceptedAt) "
                                    + "AND secretHash = :h AND expiresAt > :epoch")
                            .expressionAttributeValues(Map.of(":now", s(now.toString()), ":user", s(user.userId()),
                                    ":h", s(secretHash), ":epoch", n(now.getEpochSecond())))).build(),
                    putUser(user),
                    putEmailGuard(user)));
        } catch (TransactionCanceledException e) {
            throw new ConflictException(failedAt(e, 0) ? ConflictException.Reason.INVITE_INVALID
                    : ConflictException.Reason.EMAIL_TAKEN);
        }
    }

    // ---------------------------------------------------------------- mapping

    private TransactWriteItem putUser(User u) {
        Map<String, AttributeValue> item = key("USER#" + u.userId(), "PROFILE");
        item.put("gsi1pk", s("USERS"));
        item.put("gsi1sk", s(u.email()));
        item.put("userId", s(u.userId()));
        item.put("email", s(u.email()));
        item.put("displayName", s(u.displayName()));
        item.put("role", s(u.role().name().toLowerCase(Locale.ROOT)));
        item.put("botIds", stringList(u.botIds()));
        item.put("status", s(u.status().name().toLowerCase(Locale.ROOT)));
        item.put("passwordHash", s(u.passwordHash()));
        item.put("createdAt", s(u.createdAt().toString()));
        item.put("version", n(u.version()));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")).build();
    }

    private TransactWriteItem putEmailGuard(User u) {
        Map<String, AttributeValue> item = key("EMAIL#" + u.email(), "EMAIL");
        item.put("userId", s(u.userId()));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")).build();
    }

    private User user(Map<String, AttributeValue> item) {
        return new User(item.get("userId").s(), item.get("email").s(), item.get("displayName").s(),
                Role.valueOf(item.get("role").s().toUpperCase(Locale.ROOT)), strings(item.get("botIds")),
                User.Status.valueOf(item.get("status").s().toUpperCase(Locale.ROOT)), item.get("passwordHash").s(),
                Instant.parse(item.get("createdAt").s()), instant(item.get("lastLoginAt")),
                Long.parseLong(item.get("version").n()));
    }

    private Session session(Map<String, AttributeValue> item) {
        return new Session(item.get("pk").s().substring("USER#".length()), item.get("familyId").s(),
                item.get("tokenHash").s(), Long.parseLong(item.get("generation").n()),
                Instant.parse(item.get("createdAt").s()), Instant.parse(item.get("lastUsedAt").s()),
                Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n())), instant(item.get("revokedAt")),
                text(item.get("ip")), text(item.get("userAgent")));
    }

    private ApiKey apiKey(Map<String, AttributeValue> item) {
        Set<Permission> scopes = new LinkedHashSet<>();
        for (String scope : strings(item.get("scopes"))) {
            try {
                scopes.add(Permission.valueOf(scope));
            } catch (IllegalArgumentException e) {
                // a permission that no longer exists grants nothing
            }
        }
        return new ApiKey(item.get("prefix").s(), item.get("name").s(), item.get("secretHash").s(),
                Role.valueOf(item.get("role").s().toUpperCase(Locale.ROOT)), scopes, strings(item.get("botIds")),
                item.get("createdBy").s(), Instant.parse(item.get("createdAt").s()), instant(item.get("lastUsedAt")),
                instant(item.get("keyExpiresAt")), instant(item.get("revokedAt")));
    }

    private Invite invite(Map<String, AttributeValue> item) {
        return new Invite(item.get("inviteId").s(), item.get("email").s(),
                Role.valueOf(item.get("role").s().toUpperCase(Locale.ROOT)), strings(item.get("botIds")),
                item.get("secretHash").s(), item.get("invitedBy").s(), Instant.parse(item.get("createdAt").s()),
                Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n())), instant(item.get("acceptedAt")));
    }

    private <T> List<T> queryAll(QueryRequest request, Function<Map<String, AttributeValue>, T> mapper) {
        List<T> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(start == null ? request : request.toBuilder().exclusiveStartKey(start).build());
            page.items().forEach(i -> out.add(mapper.apply(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && out.size() < 1_000);
        return out;
    }

    private static boolean failedAt(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("pk", s(pk));
        key.put("sk", s(sk));
        return key;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value == null ? "" : value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static AttributeValue stringList(Collection<String> values) {
        return AttributeValue.fromL(values.stream().sorted().map(AttributeValue::fromS).toList());
    }

    private static Set<String> strings(AttributeValue value) {
        if (value == null || !value.hasL()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        value.l().forEach(v -> out.add(v.s()));
        return out;
    }

    private static Instant instant(AttributeValue value) {
        return value == null || value.s() == null || value.s().isEmpty() ? null : Instant.parse(value.s());
    }

    private static String text(AttributeValue value) {
        return value == null || value.s() == null ? "" : value.s();
    }
}
