package io.botfleet.live;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;

/** The DynamoDB connection store on the local stack's EphemeralTable keeps the port's promises. */
@LocalAws
class DynamoConnectionStoreIT extends ConnectionStoreContract {

    DynamoConnectionStoreIT(LocalAwsStack stack) {
        super(new DynamoConnectionStore(stack.clients().dynamoDb(), stack.resource("EphemeralTable").ref()));
    }
}
