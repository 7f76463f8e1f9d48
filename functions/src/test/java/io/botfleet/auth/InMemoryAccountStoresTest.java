package io.botfleet.auth;

/** The in-memory account stores keep the ports' conditions, as the DynamoDB adapters do. */
class InMemoryAccountStoresTest extends AccountStoresContract {

    InMemoryAccountStoresTest() {
        super(inMemory());
    }

    private static Stores inMemory() {
        InMemoryUserStore users = new InMemoryUserStore();
        return new Stores(users, new InMemorySessionStore(users), new InMemoryInviteStore(users), new InMemoryApiKeyStore());
    }
}
