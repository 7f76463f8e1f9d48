package io.botfleet.bots;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.ownership.DynamoLeaseStore;

/** The DynamoDB bot store on the local stack's BotsTable keeps the port's conditions. */
@LocalAws
class DynamoBotStoreIT extends BotStoreContract {

    DynamoBotStoreIT(LocalAwsStack stack) {
        super(onTable(stack));
    }

    private static Stores onTable(LocalAwsStack stack) {
        var dynamo = stack.clients().dynamoDb();
        String table = stack.resource("BotsTable").ref();
        return new Stores(new DynamoBotStore(dynamo, table), new DynamoLeaseStore(dynamo, table));
    }
}
