package io.botfleet.broadcast.plan;

import io.botfleet.subscribers.InMemorySubscriberStore;

/** The in-memory audience reads subscribers as the DynamoDB adapter reads the index. */
class InMemoryAudiencePagerTest extends AudiencePagerContract {

    InMemoryAudiencePagerTest() {
        super(inMemory());
    }

    private static Stores inMemory() {
        InMemorySubscriberStore subscribers = new InMemorySubscriberStore();
        return new Stores(new InMemoryAudiencePager(subscribers), subscribers::add);
    }
}
