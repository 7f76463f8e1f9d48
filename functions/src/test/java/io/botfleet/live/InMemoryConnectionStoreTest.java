package io.botfleet.live;

/** The in-memory connection store keeps the port's promises as the DynamoDB adapter does. */
class InMemoryConnectionStoreTest extends ConnectionStoreContract {

    InMemoryConnectionStoreTest() {
        super(new InMemoryConnectionStore());
    }
}
