package io.botfleet.broadcast.plan;

/** The in-memory audience reads subscribers as the DynamoDB adapter reads the index. */
class InMemoryAudiencePagerTest extends AudiencePagerContract {

    InMemoryAudiencePagerTest() {
        super(inMemory());
    }

    private static Stores inMemory() {
        InMemoryAudiencePager pager = new InMemoryAudiencePager();
        return new Stores(pager, pager::add);
    }
}
