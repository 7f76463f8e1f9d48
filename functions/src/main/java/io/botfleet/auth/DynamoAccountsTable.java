package io.botfleet.auth;

import static io.botfleet.shared.aws.Attributes.instant;
import static io.botfleet.shared.aws.Attributes.key;
import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;
import static io.botfleet.shared.aws.Attributes.stringList;
import static io.botfleet.shared.aws.Attributes.strings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * What the account adapters share on the one AccountsTable (layout in docs/security.md). The user item and its e-mail
 * guard live here because three writers create or change users (owner creation, invite acceptance, user updates)
 * and sessions read users too: one codec keeps them writing and reading the same attributes. The rest are the
 * attribute conversions and the paged query every adapter uses.
 */
final class DynamoAccountsTable {
    final DynamoDbClient dynamo;
    final String name;

    DynamoAccountsTable(DynamoDbClient dynamo, String name) {
        this.dynamo = dynamo;
        this.name = name;
    }

    // ---------------------------------------------------------------- users and their e-mail guard

    static Map<String, AttributeValue> userKey(String userId) {
        return key("USER#" + userId, "PROFILE");
    }

    /** Puts a new user item; fails its transaction if the user exists. */
    TransactWriteItem putUser(User u) {
        Map<String, AttributeValue> item = userKey(u.userId());
        item.put("gsi1pk", s("USERS"));
        item.put("gsi1sk", s(u.email()));
        item.put("userId", s(u.userId()));
        item.put("email", s(u.email()));
        item.put("displayName", s(u.displayName()));
        item.put("role", lower(u.role()));
        item.put("botIds", stringList(u.botIds()));
        item.put("status", lower(u.status()));
        item.put("passwordHash", s(u.passwordHash()));
        item.put("createdAt", s(u.createdAt().toString()));
        item.put("version", n(u.version()));
        return TransactWriteItem.builder().put(p -> p.tableName(name).item(item)
                .conditionExpression("attribute_not_exists(pk)")).build();
    }

    /** Puts the user's e-mail guard: the login lookup, and what fails the transaction when the address is taken. */
    TransactWriteItem putEmailGuard(User u) {
        Map<String, AttributeValue> item = key("EMAIL#" + u.email(), "EMAIL");
        item.put("userId", s(u.userId()));
        return TransactWriteItem.builder().put(p -> p.tableName(name).item(item)
                .conditionExpression("attribute_not_exists(pk)")).build();
    }

    Optional<User> userById(String userId) {
        var item = dynamo.getItem(b -> b.tableName(name).key(userKey(userId)).consistentRead(true));
        return item.hasItem() ? Optional.of(user(item.item())) : Optional.empty();
    }

    static User user(Map<String, AttributeValue> item) {
        return new User(item.get("userId").s(), item.get("email").s(), item.get("displayName").s(),
                role(item.get("role")), strings(item.get("botIds")),
                User.Status.valueOf(item.get("status").s().toUpperCase(Locale.ROOT)), item.get("passwordHash").s(),
                Instant.parse(item.get("createdAt").s()), instant(item.get("lastLoginAt")),
                Long.parseLong(item.get("version").n()));
    }

    // ---------------------------------------------------------------- reads and conversions

    <T> List<T> queryAll(QueryRequest request, Function<Map<String, AttributeValue>, T> mapper) {
        List<T> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(start == null ? request : request.toBuilder().exclusiveStartKey(start).build());
            page.items().forEach(i -> out.add(mapper.apply(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && out.size() < 1_000);
        return out;
    }

    /** Everything under one {@code gsi1pk} (users, API keys, invites), in the index's order or reversed. */
    <T> List<T> listed(String gsi1pk, boolean newestFirst, Function<Map<String, AttributeValue>, T> mapper) {
        return queryAll(QueryRequest.builder().tableName(name).indexName("gsi1").scanIndexForward(!newestFirst)
                .keyConditionExpression("gsi1pk = :p").expressionAttributeValues(Map.of(":p", s(gsi1pk))).build(), mapper);
    }

    /** Whether the transaction's item at {@code index} failed its condition (rather than another one). */
    static boolean failedAt(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    /** Roles and statuses are stored in lower case. */
    static AttributeValue lower(Enum<?> value) {
        return s(value.name().toLowerCase(Locale.ROOT));
    }

    static Role role(AttributeValue value) {
        return Role.valueOf(value.s().toUpperCase(Locale.ROOT));
    }

}
