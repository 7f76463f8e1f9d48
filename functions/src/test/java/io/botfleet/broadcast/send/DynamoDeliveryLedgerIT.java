package io.botfleet.broadcast.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.campaign.DynamoCampaignStore;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB delivery ledger on the local stack's DeliveriesTable keeps the port's conditions. */
@LocalAws
class DynamoDeliveryLedgerIT extends DeliveryLedgerContract {
    private final LocalAwsStack stack;

    DynamoDeliveryLedgerIT(LocalAwsStack stack) {
        super(onTables(stack));
        this.stack = stack;
    }

    private static Stores onTables(LocalAwsStack stack) {
        var dynamo = stack.clients().dynamoDb();
        String campaigns = stack.resource("CampaignsTable").ref();
        return new Stores(new DynamoDeliveryLedger(dynamo, stack.resource("DeliveriesTable").ref(), campaigns, Clock.systemUTC()),
                new DynamoCampaignStore(dynamo, campaigns, Clock.systemUTC()));
    }

    @Test
    void readsChunksWrittenWithListsAndNumberSetsBeforeTheyWerePacked() {
        var dynamo = stack.clients().dynamoDb();
        String table = stack.resource("DeliveriesTable").ref();
        Map<String, AttributeValue> item = new LinkedHashMap<>(DynamoDeliveryLedger.key("c-lists", 3));
        item.put("botId", AttributeValue.fromS("42"));
        item.put("recipients", AttributeValue.fromL(List.of(AttributeValue.fromN("9000000001"), AttributeValue.fromN("-1001234"))));
        item.put("outcomes", AttributeValue.fromS("SB"));
        item.put("messageIds", AttributeValue.fromL(List.of(AttributeValue.fromN("77"), AttributeValue.fromN("0"))));
        item.put("inFlight", AttributeValue.fromNs(List.of("0")));
        item.put("attempts", AttributeValue.fromN("1"));
        dynamo.putItem(b -> b.tableName(table).item(item));
        DynamoDeliveryLedger ledger = new DynamoDeliveryLedger(dynamo, table, stack.resource("CampaignsTable").ref(), Clock.systemUTC());

        LedgerChunk chunk = ledger.page("c-lists", null, 10).chunks().getFirst();
        assertThat(chunk.batch().recipients()).containsExactly(9_000_000_001L, -1_001_234L);
        assertThat(chunk.snapshot().messageIds()).containsExactly(77, 0);
        assertThat(chunk.outcome(1)).isEqualTo(DeliveryOutcome.BLOCKED);
        assertThat(chunk.snapshot().inFlight()).containsExactly(0);

        // written back, it is packed, and reads the same
        ledger.save(chunk);
        Map<String, AttributeValue> stored = dynamo.getItem(b -> b.tableName(table).key(DynamoDeliveryLedger.key("c-lists", 3))).item();
        assertThat(stored.get("recipients").type()).isEqualTo(AttributeValue.Type.B);
        assertThat(stored.get("inFlight").type()).isEqualTo(AttributeValue.Type.B);
        LedgerChunk again = ledger.load(chunk.batch()).orElseThrow();
        assertThat(again.batch().recipients()).containsExactly(9_000_000_001L, -1_001_234L);
        assertThat(again.snapshot().messageIds()).containsExactly(77, 0);
        assertThat(again.snapshot().inFlight()).containsExactly(0);
        assertThat(DynamoDeliveryLedger.recipients(stored)).containsExactly(9_000_000_001L, -1_001_234L);
    }
}
