package io.botfleet.media;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;

import io.botfleet.shared.aws.Attributes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@code MEDIA#<mediaId>/BOT#<botId>} in the media table: {@code fileId}, or a claim ({@code owner}, {@code claimedUntil}). */
public final class DynamoFileIds implements FileIds {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoFileIds(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String mediaId, String botId) {
        return Attributes.key(DynamoMediaStore.pk(mediaId), "BOT#" + botId);
    }

    @Override
    public Optional<Slot> get(String mediaId, String botId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(mediaId, botId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Slot(item.containsKey("fileId") ? Attributes.str(item, "fileId") : null,
                item.containsKey("owner") ? Attributes.str(item, "owner") : null,
                item.containsKey("claimedUntil") ? Instant.ofEpochMilli(Attributes.number(item, "claimedUntil")) : null));
    }

    @Override
    public boolean claim(String mediaId, String botId, String owner, Instant until, Instant now) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(mediaId, botId))
                    .updateExpression("SET #o = :o, claimedUntil = :u")
                    .conditionExpression("attribute_not_exists(fileId) AND (attribute_not_exists(claimedUntil) "
                            + "OR claimedUntil < :now OR #o = :o)")
                    .expressionAttributeNames(Map.of("#o", "owner"))
                    .expressionAttributeValues(Map.of(":o", s(owner), ":u", n(until.toEpochMilli()), ":now", n(now.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void save(String mediaId, String botId, String owner, String fileId) {
        try {
            // the first file_id stays: a second upload (a claim that expired mid-upload) changes nothing for senders
            dynamoDb.updateItem(b -> b.tableName(table).key(key(mediaId, botId))
                    .updateExpression("SET fileId = :f REMOVE #o, claimedUntil")
                    .conditionExpression("attribute_not_exists(fileId)")
                    .expressionAttributeNames(Map.of("#o", "owner"))
                    .expressionAttributeValues(Map.of(":f", s(fileId))));
        } catch (ConditionalCheckFailedException e) {
            // another upload's file_id is there already
        }
    }

    @Override
    public void release(String mediaId, String botId, String owner) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table).key(key(mediaId, botId))
                    .conditionExpression("#o = :o AND attribute_not_exists(fileId)")
                    .expressionAttributeNames(Map.of("#o", "owner"))
                    .expressionAttributeValues(Map.of(":o", s(owner))));
        } catch (ConditionalCheckFailedException e) {
            // no longer ours
        }
    }
}
