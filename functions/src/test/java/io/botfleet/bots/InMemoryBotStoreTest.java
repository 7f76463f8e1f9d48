package io.botfleet.bots;

import io.botfleet.ownership.InMemoryLeaseStore;

/** The in-memory bot store keeps the port's conditions, as the DynamoDB adapter does. */
class InMemoryBotStoreTest extends BotStoreContract {

    InMemoryBotStoreTest() {
        super(inMemory());
    }

    private static Stores inMemory() {
        InMemoryLeaseStore leases = new InMemoryLeaseStore();
        return new Stores(new InMemoryBotStore(leases), leases);
    }
}
