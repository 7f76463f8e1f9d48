package io.botfleet.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.local.AwsClients;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Conditional writes through the gateway are atomic, as on DynamoDB: of racing writers whose conditions exclude
 * each other exactly one wins, and the others get the condition failure, never a 500 (moto alone lets several win).
 */
@LocalAws
class DynamoAtomicityTest {
    private static final int RACERS = 16;
    private static final int ROUNDS = 25;

    private static AwsClients webhook;
    private static ExecutorService pool;

    /** How a racer's call ended. */
    private enum Outcome { WON, CONDITION_FAILED }

    @BeforeAll
    static void start(LocalAwsStack stack) {
        webhook = Sdk.as(stack, "WebhookFunction");
        pool = Executors.newFixedThreadPool(RACERS);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        webhook.close();
    }

    @Test
    void exactlyOneConditionalPutWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = "race-put-" + round;
            List<Outcome> outcomes = race(racer -> () -> {
                try {
                    webhook.dynamoDb().putItem(b -> b.tableName("EphemeralTable")
                            .item(Map.of("pk", s(key), "winner", s("racer-" + racer)))
                            .conditionExpression("attribute_not_exists(pk)"));
                    return Outcome.WON;
                } catch (ConditionalCheckFailedException lost) {
                    return Outcome.CONDITION_FAILED;
                }
            });
            assertThat(outcomes).as("round " + round).containsOnlyOnce(Outcome.WON);
        }
    }

    @Test
    void exactlyOneOfOverlappingTransactionsCommits() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String shared = "race-tx-" + round;
            List<Outcome> outcomes = race(racer -> () -> {
                try {
                    // every transaction claims the shared item and one of its own, on two tables
                    webhook.dynamoDb().transactWriteItems(b -> b.transactItems(
                            t -> t.put(p -> p.tableName("EphemeralTable").item(Map.of("pk", s(shared)))
                                    .conditionExpression("attribute_not_exists(pk)")),
                            t -> t.put(p -> p.tableName("SubscribersTable")
                                    .item(Map.of("botId", s(shared), "chatId", s("racer-" + racer))))));
                    return Outcome.WON;
                } catch (TransactionCanceledException lost) {
                    assertThat(lost.cancellationReasons().getFirst().code()).isEqualTo("ConditionalCheckFailed");
                    return Outcome.CONDITION_FAILED;
                }
            });
            assertThat(outcomes).as("round " + round).containsOnlyOnce(Outcome.WON);
        }
    }

    /** Runs one call per racer, all released at once; any other exception (a 500 included) fails the test. */
    private static List<Outcome> race(IntFunction<Callable<Outcome>> racer) throws Exception {
        CountDownLatch ready = new CountDownLatch(RACERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            Callable<Outcome> call = racer.apply(i);
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return call.call();
            }));
        }
        ready.await();
        go.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : futures) {
            outcomes.add(f.get());
        }
        return outcomes;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
