package io.botfleet.auth;

import static io.botfleet.auth.DynamoAccountsTable.lower;
import static io.botfleet.auth.DynamoAccountsTable.userKey;
import static io.botfleet.shared.aws.Attributes.key;
import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;
import static io.botfleet.shared.aws.Attributes.stringList;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link UserStore} on the AccountsTable: users {@code USER#<id>/PROFILE} (listed by {@code gsi1pk = USERS}), e-mail
 * guards {@code EMAIL#<email>/EMAIL}, setup state {@code SYSTEM/SETUP}.
 */
public final class DynamoUserStore implements UserStore {
    private final DynamoAccountsTable table;

    public DynamoUserStore(DynamoDbClient dynamo, String table) {
        this.table = new DynamoAccountsTable(dynamo, table);
    }

    @Override
    public boolean setupCompleted() {
        return table.dynamo.getItem(b -> b.tableName(table.name).key(key("SYSTEM", "SETUP")).consistentRead(true)).hasItem();
    }

    @Override
    public void createOwner(User owner, Instant now) {
        Map<String, AttributeValue> setup = key("SYSTEM", "SETUP");
        setup.put("completedAt", s(now.toString()));
        setup.put("ownerUserId", s(owner.userId()));
        try {
            table.dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table.name).item(setup)
                            .conditionExpression("attribute_not_exists(pk)")).build(),
                    table.putUser(owner),
                    table.putEmailGuard(owner)));
        } catch (TransactionCanceledException e) {
            throw new ConflictException(DynamoAccountsTable.failedAt(e, 0) ? ConflictException.Reason.SETUP_DONE
                    : ConflictException.Reason.EMAIL_TAKEN);
        }
    }

    @Override
    public Optional<User> userById(String userId) {
        return table.userById(userId);
    }

    @Override
    public Optional<User> userByEmail(String emailLowercase) {
        var guard = table.dynamo.getItem(b -> b.tableName(table.name).key(key("EMAIL#" + emailLowercase, "EMAIL"))
                .consistentRead(true));
        // without a guard, read a profile that cannot exist: both paths cost two reads (no timing hint)
        String userId = guard.hasItem() ? guard.item().get("userId").s() : "~none";
        return userById(userId);
    }

    @Override
    public List<User> listUsers() {
        return table.listed("USERS", false, DynamoAccountsTable::user);
    }

    @Override
    public User updateUser(User u) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":role", lower(u.role()));
        values.put(":bots", stringList(u.botIds()));
        values.put(":status", lower(u.status()));
        values.put(":name", s(u.displayName()));
        values.put(":hash", s(u.passwordHash()));
        values.put(":v", n(u.version()));
        values.put(":one", n(1));
        try {
            table.dynamo.updateItem(b -> b.tableName(table.name).key(userKey(u.userId()))
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
        table.dynamo.updateItem(b -> b.tableName(table.name).key(userKey(userId))
                .updateExpression("SET lastLoginAt = :t").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":t", s(at.toString()))));
    }
}
