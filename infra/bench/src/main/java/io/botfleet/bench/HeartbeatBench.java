package io.botfleet.bench;

import io.botfleet.bots.Bot;
import io.botfleet.bots.BotHeartbeat;
import io.botfleet.bots.DynamoBotStore;
import io.botfleet.bots.TokenCipher;
import io.botfleet.lambda.BotsModule;
import io.botfleet.lambda.HeartbeatFunction;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.secrets.PlatformSecret;
import io.botfleet.telegram.BotAdminApi;
import io.botfleet.telegram.BotToken;
import io.botfleet.telegram.TelegramBotApi;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.Faults;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The heartbeat over 1,000 bots on the local stack (moto behind the AWS gateway, the Telegram emulator with a
 * latency per Bot API call). Bots are created in the emulator and written straight into the bots table through the
 * DynamoDB port ({@link DynamoBotStore#create}, token encrypted as registration does, no lease): registering 1,000
 * through the API would call getMe and setWebhook and claim each one first, which the first beat does anyway.
 *
 * <p>Beats run in this JVM as HeartbeatFunction builds them (its role, its settings, its Telegram timeouts), each
 * with the Lambda deadline the function would have: now + 60 s (template Timeout). The first beat claims every bot
 * (a whole fleet failing over here); the next ones are the steady state (renew, getWebhookInfo, health). Then, for
 * comparison, one beat with a single worker, as the heartbeat was before (serial), within the same 60 s.
 *
 * <p>moto's own TransactWriteItems copies the whole bots table (0.4–0.75 s at 1,000 bots) and every fenced write is
 * one; the local stack runs moto with transactions that back up only their own items (see docs/benchmarks.md and
 * MotoServer), as DynamoDB's transactions cost only theirs.
 */
final class HeartbeatBench {
    static final int BOTS = Integer.getInteger("bench.bots", 1_000);
    static final int BEATS = Integer.getInteger("bench.beats", 3);
    /** Telegram's answer time as seen from AWS (getWebhookInfo from us-east-1 is ≈ 100 ms). */
    static final Duration TELEGRAM_LATENCY = Duration.ofMillis(Long.getLong("bench.telegramLatencyMs", 100));
    static final boolean SERIAL = Boolean.parseBoolean(System.getProperty("bench.serial", "true"));
    static final Duration LAMBDA_TIMEOUT = Duration.ofSeconds(60);

    private HeartbeatBench() {}

    static void run() throws Exception {
        try (BenchStack stack = new BenchStack()) {
            List<String> ids = seed(stack);
            Env env = stack.env("HeartbeatFunction");
            BotHeartbeat.Settings settings = HeartbeatFunction.settings(env);
            String moto = System.getenv("MOTO_SERVER_COMMAND");
            System.out.println("# moto: " + (moto == null || moto.isBlank() ? "moto_server (TransactWriteItems deep-copies the table)" : moto));
            System.out.printf("# %d bots seeded; Telegram latency %d ms per call; %d workers; deadline now + %d s (stop starting at %d s left)%n",
                    ids.size(), TELEGRAM_LATENCY.toMillis(), settings.workers(), LAMBDA_TIMEOUT.toSeconds(), settings.stopStarting().toSeconds());

            BotHeartbeat heartbeat = heartbeat(env, settings);
            Beat claim = beat(heartbeat, stack);
            System.out.println("# beat 1 (claims): " + claim);
            List<Beat> steady = new ArrayList<>();
            for (int i = 0; i < BEATS; i++) {
                Beat b = beat(heartbeat, stack);
                steady.add(b);
                System.out.println("# beat " + (i + 2) + " (steady): " + b);
            }
            Beat median = steady.stream().sorted((x, y) -> Double.compare(x.seconds, y.seconds)).toList().get(steady.size() / 2);
            Bench.figure("heartbeat.bots_per_minute", median.completed / (median.seconds / 60), "bots/min", "target>=1000");
            Bench.figure("heartbeat.full_beat_seconds", median.seconds, "s", "target<=50 (" + BOTS + " bots, renew + getWebhookInfo + health; median of " + BEATS + ")");
            Bench.figure("heartbeat.full_beat_completed", median.completed, "bots", "target>=" + BOTS);
            Bench.figure("heartbeat.claim_beat_seconds", claim.seconds, "s", "info (" + claim.claimed + " bots claimed and re-pointed)");
            Bench.figure("heartbeat.dynamodb_calls_per_bot", (double) median.dynamoCalls / Math.max(1, median.completed), "calls",
                    "info (per bot completed: " + median.callDetail + ")");
            Bench.figure("heartbeat.telegram_calls_per_bot", (double) median.telegramCalls / Math.max(1, median.completed), "calls", "info");

            if (SERIAL) {
                BotHeartbeat serial = heartbeat(env, settings.withWorkers(1));
                Beat one = beat(serial, stack);
                System.out.println("# serial beat (1 worker): " + one);
                Bench.figure("heartbeat.serial_bots_per_minute", one.completed / (one.seconds / 60), "bots/min", "info (1 worker, the heartbeat before)");
                Bench.figure("heartbeat.serial_completed_within_deadline", one.completed, "bots", "info (" + one.skipped + " skipped, served first next beat)");
            }
        }
        System.out.println("BENCH-END heartbeat");
    }

    record Beat(double seconds, int listed, int completed, int claimed, int skipped, int failed, long dynamoCalls,
                long telegramCalls, String callDetail, String counts) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.1f s, %s, %d DynamoDB calls (AWS requests: %s), %d Telegram calls",
                    seconds, counts, dynamoCalls, callDetail, telegramCalls);
        }
    }

    private static Beat beat(BotHeartbeat heartbeat, BenchStack stack) {
        AwsRequestCounter.reset();
        int telegramBefore = telegramCalls(stack);
        long t0 = System.nanoTime();
        BotHeartbeat.Report report = heartbeat.beat(Instant.now().plus(LAMBDA_TIMEOUT));
        double seconds = (System.nanoTime() - t0) / 1e9;
        var requests = AwsRequestCounter.requests();
        long dynamo = requests.entrySet().stream().filter(e -> e.getKey().startsWith("DynamoDb.")).mapToLong(e -> e.getValue()).sum();
        StringBuilder detail = new StringBuilder();
        requests.forEach((operation, count) ->
                detail.append(detail.isEmpty() ? "" : ", ").append(operation.replace("DynamoDb.", "")).append(' ').append(count));
        return new Beat(seconds, report.count("listed"), report.count("completed"), report.count("claimed"),
                report.count("skipped"), report.count("failed"), dynamo, telegramCalls(stack) - telegramBefore,
                detail.toString(), report.counts().toString());
    }

    private static List<Long> emulated = List.of();

    /** Bot API calls the emulator has answered for the benchmark's bots so far. */
    private static int telegramCalls(BenchStack stack) {
        int total = 0;
        for (long id : emulated) {
            total += stack.telegram.calls(id).size();
        }
        return total;
    }

    /** As HeartbeatFunction.create builds it (its requests counted by AwsRequestCounter), with no metrics. */
    private static BotHeartbeat heartbeat(Env env, BotHeartbeat.Settings settings) {
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config);
        TelegramBotApi telegram = HeartbeatFunction.telegram(config);
        BotsModule module = BotsModule.create(env, config, aws.dynamoDb(),
                new PlatformSecret(aws.secretsManager(), config.platformSecretId()), telegram, Clock.systemUTC());
        return new BotHeartbeat(BotHeartbeat.Fleet.of(module.registry(), new BotAdminApi(telegram)), module.ownership(),
                BotHeartbeat.Metrics.NONE, settings, Clock.systemUTC());
    }

    /** {@link #BOTS} bots in the emulator (with its latency) and in the bots table, as the API's role writes them. */
    private static List<String> seed(BenchStack stack) throws Exception {
        Env env = stack.env("ApiFunction");
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config);
        PlatformSecret keys = new PlatformSecret(aws.secretsManager(), config.platformSecretId());
        TokenCipher cipher = new TokenCipher(() -> keys.get().tokenEncryptionKey());
        DynamoBotStore store = new DynamoBotStore(aws.dynamoDb(), config.tables().bots());
        List<EmulatedBot> created = new ArrayList<>();
        for (int i = 0; i < BOTS; i++) {
            EmulatedBot bot = stack.telegram.createBot("beat_" + i + "_bot", "Beat " + i);
            stack.telegram.faults(bot.id(), Faults.latency(TELEGRAM_LATENCY));
            created.add(bot);
        }
        emulated = created.stream().map(EmulatedBot::id).toList();
        long t0 = System.nanoTime();
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> writes = new ArrayList<>();
            for (int i = 0; i < created.size(); i++) {
                EmulatedBot e = created.get(i);
                Instant createdAt = now.plusMillis(i);
                writes.add(pool.submit(() -> {
                    BotToken token = BotToken.parse(e.token()).orElseThrow();
                    String id = Long.toString(e.id());
                    Bot bot = new Bot(id, e.username(), e.firstName(), cipher.encrypt(id, token), token.masked(), "active",
                            Bot.DEFAULT_SEND_RATE, false, Bot.Replies.DEFAULTS, "restore", "unknown", Bot.ALLOWED_UPDATES,
                            createdAt, "bench", 1);
                    if (!store.create(bot)) {
                        throw new IllegalStateException("bot " + id + " exists");
                    }
                    return id;
                }));
            }
            for (Future<String> f : writes) {
                ids.add(f.get());
            }
        }
        System.out.printf("# seeding %d bots through the DynamoDB port: %.1f s%n", ids.size(), (System.nanoTime() - t0) / 1e9);
        return ids;
    }
}
