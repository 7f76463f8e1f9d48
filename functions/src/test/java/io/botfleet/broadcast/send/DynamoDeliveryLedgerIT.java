package io.botfleet.broadcast.send;

import io.botfleet.broadcast.campaign.DynamoCampaignStore;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import java.time.Clock;

/** The DynamoDB delivery ledger on the local stack's DeliveriesTable keeps the port's conditions. */
@LocalAws
class DynamoDeliveryLedgerIT extends DeliveryLedgerContract {

    DynamoDeliveryLedgerIT(LocalAwsStack stack) {
        super(onTables(stack));
    }

    private static Stores onTables(LocalAwsStack stack) {
        var dynamo = stack.clients().dynamoDb();
        String campaigns = stack.resource("CampaignsTable").ref();
        return new Stores(new DynamoDeliveryLedger(dynamo, stack.resource("DeliveriesTable").ref(), campaigns, Clock.systemUTC()),
                new DynamoCampaignStore(dynamo, campaigns, Clock.systemUTC()));
    }
}
