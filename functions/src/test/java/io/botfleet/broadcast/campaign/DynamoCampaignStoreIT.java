package io.botfleet.broadcast.campaign;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import java.time.Clock;

/** The DynamoDB campaign store on the local stack's CampaignsTable keeps the port's conditions. */
@LocalAws
class DynamoCampaignStoreIT extends CampaignStoreContract {

    DynamoCampaignStoreIT(LocalAwsStack stack) {
        super(new DynamoCampaignStore(stack.clients().dynamoDb(), stack.resource("CampaignsTable").ref(), Clock.systemUTC()));
    }
}
