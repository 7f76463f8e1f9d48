package io.botfleet.broadcast.plan;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.subscribers.SubscriberItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB audience pager on the local stack's SubscribersTable keeps the port's promises. */
@LocalAws
class DynamoAudiencePagerIT extends AudiencePagerContract {

    DynamoAudiencePagerIT(LocalAwsStack stack) {
        super(onTable(stack));
    }

    private static Stores onTable(LocalAwsStack stack) {
        DynamoDbClient dynamo = stack.clients().dynamoDb();
        String table = stack.resource("SubscribersTable").ref();
        return new Stores(new DynamoAudiencePager(dynamo, table), s -> SubscriberItems.put(dynamo, table, s));
    }
}
