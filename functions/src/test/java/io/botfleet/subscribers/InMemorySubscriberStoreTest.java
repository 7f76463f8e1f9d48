package io.botfleet.subscribers;

/** The in-memory subscribers table lists and counts as the DynamoDB adapter does. */
class InMemorySubscriberStoreTest extends SubscriberStoreContract {

    InMemorySubscriberStoreTest() {
        super(inMemory());
    }

    private static Stores inMemory() {
        InMemorySubscriberStore store = new InMemorySubscriberStore(BUDGET);
        return new Stores(store, store::add);
    }
}
