package io.botfleet.auth;

import static io.botfleet.auth.DynamoAccountsTable.lower;
import static io.botfleet.auth.DynamoAccountsTable.role;
import static io.botfleet.shared.aws.Attributes.instant;
import static io.botfleet.shared.aws.Attributes.key;
import static io.botfleet.shared.aws.Attributes.s;
import static io.botfleet.shared.aws.Attributes.stringList;
import static io.botfleet.shared.aws.Attributes.strings;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link ApiKeyStore} on the AccountsTable: keys {@code APIKEY#<prefix>/APIKEY}, listed by {@code gsi1pk = APIKEYS}. */
public final class DynamoApiKeyStore implements ApiKeyStore {
    private final DynamoAccountsTable table;

    public DynamoApiKeyStore(DynamoDbClient dynamo, String table) {
        this.table = new DynamoAccountsTable(dynamo, table);
    }

    @Override
    public void createApiKey(ApiKey k) {
        Map<String, AttributeValue> item = keyOf(k.prefix());
        item.put("gsi1pk", s("APIKEYS"));
        item.put("gsi1sk", s(k.createdAt() + "#" + k.prefix()));
        item.put("prefix", s(k.prefix()));
        item.put("name", s(k.name()));
        item.put("secretHash", s(k.secretHash()));
        item.put("role", lower(k.role()));
        item.put("scopes", stringList(k.scopes().stream().map(Enum::name).toList()));
        item.put("botIds", stringList(k.botIds()));
        item.put("createdBy", s(k.createdBy()));
        item.put("createdAt", s(k.createdAt().toString()));
        if (k.expiresAt() != null) {
            item.put("keyExpiresAt", s(k.expiresAt().toString()));
        }
        table.dynamo.putItem(b -> b.tableName(table.name).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<ApiKey> apiKey(String prefix) {
        var item = table.dynamo.getItem(b -> b.tableName(table.name).key(keyOf(prefix)));
        return item.hasItem() ? Optional.of(apiKey(item.item())) : Optional.empty();
    }

    @Override
    public List<ApiKey> listApiKeys() {
        return table.listed("APIKEYS", true, DynamoApiKeyStore::apiKey);
    }

    @Override
    public boolean revokeApiKey(String prefix, Instant now) {
        try {
            table.dynamo.updateItem(b -> b.tableName(table.name).key(keyOf(prefix))
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
            table.dynamo.updateItem(b -> b.tableName(table.name).key(keyOf(prefix))
                    .updateExpression("SET lastUsedAt = :now")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :before)")
                    .expressionAttributeValues(Map.of(":now", s(now.toString()), ":before", s(now.minus(granularity).toString()))));
        } catch (ConditionalCheckFailedException e) {
            // used recently: nothing to record
        }
    }

    private static Map<String, AttributeValue> keyOf(String prefix) {
        return key("APIKEY#" + prefix, "APIKEY");
    }

    private static ApiKey apiKey(Map<String, AttributeValue> item) {
        Set<Permission> scopes = new LinkedHashSet<>();
        for (String scope : strings(item.get("scopes"))) {
            try {
                scopes.add(Permission.valueOf(scope));
            } catch (IllegalArgumentException e) {
                // a permission that no longer exists grants nothing
            }
        }
        return new ApiKey(item.get("prefix").s(), item.get("name").s(), item.get("secretHash").s(),
                role(item.get("role")), scopes, strings(item.get("botIds")),
                item.get("createdBy").s(), Instant.parse(item.get("createdAt").s()), instant(item.get("lastUsedAt")),
                instant(item.get("keyExpiresAt")), instant(item.get("revokedAt")));
    }
}
