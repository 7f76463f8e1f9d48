package io.botfleet.subscribers;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB subscriber store on the local stack's SubscribersTable keeps the port's promises. */
@LocalAws
class DynamoSubscriberStoreIT extends SubscriberStoreContract {

    DynamoSubscriberStoreIT(LocalAwsStack stack) {
        super(onTable(stack));
    }

    private static Stores onTable(LocalAwsStack stack) {
        DynamoDbClient dynamo = stack.clients().dynamoDb();
        String table = stack.resource("SubscribersTable").ref();
        return new Stores(new DynamoSubscriberStore(dynamo, table, BUDGET), s -> SubscriberItems.put(dynamo, table, s));
    }
}
