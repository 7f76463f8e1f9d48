package io.botfleet.api;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import org.junit.jupiter.api.BeforeAll;

/**
 * For ITs of the API on the local stack (its template handler, its role) with the owner set up and signed in. The
 * fields are static because JUnit's class-level lifecycle is; the local stack is reset between IT classes.
 */
@LocalAws
public abstract class OnApi {
    protected static ApiHarness api;
    protected static ApiHarness.Session owner;

    @BeforeAll
    static void startApi(LocalAwsStack stack) {
        api = ApiHarness.start(stack);
        owner = api.setupOwner();
    }
}
