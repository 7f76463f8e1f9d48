package io.botfleet.broadcast.send;

import io.botfleet.broadcast.campaign.InMemoryCampaignStore;

/** The in-memory delivery ledger keeps the port's conditions, as the DynamoDB adapter does. */
class InMemoryDeliveryLedgerTest extends DeliveryLedgerContract {

    InMemoryDeliveryLedgerTest() {
        super(inMemory());
    }

    private static Stores inMemory() {
        InMemoryCampaignStore campaigns = new InMemoryCampaignStore();
        return new Stores(new InMemoryDeliveryLedger(campaigns), campaigns);
    }
}
