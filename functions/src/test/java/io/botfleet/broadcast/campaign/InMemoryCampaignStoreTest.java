package io.botfleet.broadcast.campaign;

/** The in-memory campaign store keeps the port's conditions, as the DynamoDB adapter does. */
class InMemoryCampaignStoreTest extends CampaignStoreContract {

    InMemoryCampaignStoreTest() {
        super(new InMemoryCampaignStore());
    }
}
