package io.botfleet.auth;

import static io.botfleet.auth.DynamoAccountsTable.lower;
import static io.botfleet.auth.DynamoAccountsTable.role;
import static io.botfleet.shared.aws.Attributes.instant;
import static io.botfleet.shared.aws.Attributes.key;
import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;
import static io.botfleet.shared.aws.Attributes.stringList;
import static io.botfleet.shared.aws.Attributes.strings;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link InviteStore} on the AccountsTable: invites {@code INVITE#<id>/INVITE}, listed by {@code gsi1pk = INVITES}
 * until accepted. Acceptance writes the new user and its e-mail guard with the same codec as {@link DynamoUserStore}.
 */
public final class DynamoInviteStore implements InviteStore {
    private final DynamoAccountsTable table;

    public DynamoInviteStore(DynamoDbClient dynamo, String table) {
        this.table = new DynamoAccountsTable(dynamo, table);
    }

    @Override
    public void createInvite(Invite i) {
        Map<String, AttributeValue> item = keyOf(i.inviteId());
        item.put("gsi1pk", s("INVITES"));
        item.put("gsi1sk", s(i.createdAt() + "#" + i.inviteId()));
        item.put("inviteId", s(i.inviteId()));
        item.put("email", s(i.email()));
        item.put("role", lower(i.role()));
        item.put("botIds", stringList(i.botIds()));
        item.put("secretHash", s(i.secretHash()));
        item.put("invitedBy", s(i.invitedBy()));
        item.put("createdAt", s(i.createdAt().toString()));
        item.put("expiresAt", n(i.expiresAt().getEpochSecond()));
        table.dynamo.putItem(b -> b.tableName(table.name).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<Invite> invite(String inviteId) {
        var item = table.dynamo.getItem(b -> b.tableName(table.name).key(keyOf(inviteId)).consistentRead(true));
        return item.hasItem() ? Optional.of(invite(item.item())) : Optional.empty();
    }

    @Override
    public List<Invite> listInvites() {
        return table.listed("INVITES", true, DynamoInviteStore::invite);
    }

    @Override
    public boolean deleteInvite(String inviteId) {
        try {
            table.dynamo.deleteItem(b -> b.tableName(table.name).key(keyOf(inviteId))
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(acceptedAt)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void acceptInvite(String inviteId, String secretHash, User user, Instant now) {
        try {
            table.dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table.name).key(keyOf(inviteId))
                            .updateExpression("SET acceptedAt = :now, acceptedBy = :user REMOVE gsi1pk, gsi1sk")
                            .conditionExpression("attribute_exists(pk) AND attribute_not_exists(acceptedAt) "
                                    + "AND secretHash = :h AND expiresAt > :epoch")
                            .expressionAttributeValues(Map.of(":now", s(now.toString()), ":user", s(user.userId()),
                                    ":h", s(secretHash), ":epoch", n(now.getEpochSecond())))).build(),
                    table.putUser(user),
                    table.putEmailGuard(user)));
        } catch (TransactionCanceledException e) {
            throw new ConflictException(DynamoAccountsTable.failedAt(e, 0) ? ConflictException.Reason.INVITE_INVALID
                    : ConflictException.Reason.EMAIL_TAKEN);
        }
    }

    private static Map<String, AttributeValue> keyOf(String inviteId) {
        return key("INVITE#" + inviteId, "INVITE");
    }

    private static Invite invite(Map<String, AttributeValue> item) {
        return new Invite(item.get("inviteId").s(), item.get("email").s(),
                role(item.get("role")), strings(item.get("botIds")),
                item.get("secretHash").s(), item.get("invitedBy").s(), Instant.parse(item.get("createdAt").s()),
                Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n())), instant(item.get("acceptedAt")));
    }
}
