package io.botfleet.auth;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;

/** The DynamoDB account adapters on the local stack's AccountsTable keep the ports' conditions. */
@LocalAws
class DynamoAccountStoresIT extends AccountStoresContract {

    DynamoAccountStoresIT(LocalAwsStack stack) {
        super(onTable(stack));
    }

    private static Stores onTable(LocalAwsStack stack) {
        var dynamo = stack.clients().dynamoDb();
        String table = stack.resource("AccountsTable").ref();
        return new Stores(new DynamoUserStore(dynamo, table), new DynamoSessionStore(dynamo, table),
                new DynamoInviteStore(dynamo, table), new DynamoApiKeyStore(dynamo, table));
    }
}
