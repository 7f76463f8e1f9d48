package io.botfleet.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.local.lambda.events.DynamoDbStreamEvents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** A table's stream holds what DynamoDB's would: each committed write once, nothing of a cancelled transaction. */
@LocalAws
class DynamoStreamsTest {

    private static List<String> records(LocalAwsStack stack, String pk) {
        return DynamoDbStreamEvents.readAll(stack.dynamoDbStreams(), stack.resource("EphemeralTable").attribute("StreamArn"),
                        LocalAwsStack.REGION).stream()
                .filter(r -> r.path("dynamodb").path("Keys").path("pk").path("S").asText().equals(pk))
                .map(r -> r.path("eventName").asText()).toList();
    }

    @Test
    void aCancelledTransactionLeavesNoStreamRecord(LocalAwsStack stack) {
        String table = stack.resource("EphemeralTable").ref();
        String pk = "UPD#1#" + System.nanoTime();
        var dynamoDb = stack.clients().dynamoDb();
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk), "n", AttributeValue.fromN("1"))));
        String other = pk + "-other";

        // the second put is written by moto, then cancelled by the first one's condition and restored
        assertThatThrownBy(() -> dynamoDb.transactWriteItems(b -> b.transactItems(
                t -> t.put(p -> p.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk), "n", AttributeValue.fromN("2")))
                        .conditionExpression("attribute_not_exists(pk)")),
                t -> t.put(p -> p.tableName(table).item(Map.of("pk", AttributeValue.fromS(other)))))))
                .isInstanceOf(TransactionCanceledException.class);

        assertThat(records(stack, pk)).containsExactly("INSERT");
        assertThat(records(stack, other)).isEmpty();
        dynamoDb.transactWriteItems(b -> b.transactItems(t -> t.put(p -> p.tableName(table)
                .item(Map.of("pk", AttributeValue.fromS(other))))));
        assertThat(records(stack, other)).containsExactly("INSERT");
    }
}
