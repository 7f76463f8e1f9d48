package io.botfleet.bench.broadcast;

import io.botfleet.bench.AwsCost;
import io.botfleet.bench.Bench;
import io.botfleet.bench.ProcessCpu;
import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.send.DeliveryLedger;
import io.botfleet.broadcast.send.LedgerChunk;
import io.botfleet.telegram.emulator.ApiCall;
import io.botfleet.telegram.emulator.Faults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The broadcast engine's benchmarks, each against the local stack with the sender in its own JVM:
 * {@code pacing}, {@code paid}, {@code many-bots}, {@code faults}; {@code pacing} and {@code paid} also print the cost
 * figures. Run: {@code mvn -q -pl infra/bench exec:java -Dbench.main=io.botfleet.bench.broadcast.BroadcastBenchmark
 * -Dexec.args=pacing} (or {@code all}).
 */
public final class BroadcastBenchmark {
    // memory sizes as deployed (template.yaml)
    static final double PLANNER_GB = AwsCost.memoryGb("PlannerFunction");

    private BroadcastBenchmark() {}

    public static void main(String[] args) {
        String scenario = args.length > 0 ? args[0] : "all";
        switch (scenario) {
            case "pacing" -> pacing();
            case "paid" -> paid();
            case "many-bots" -> manyBots();
            case "faults" -> faults();
            case "all" -> {
                pacing();
                paid();
                manyBots();
                faults();
            }
            default -> throw new IllegalArgumentException("scenarios: pacing, paid, many-bots, faults, all");
        }
        System.exit(0);
    }

    /** 1. One bot, 3,000 subscribers, Telegram's free limit of 30/s. */
    static void pacing() {
        try (BroadcastFixture f = new BroadcastFixture()) {
            String botId = f.bot("pacing_bot", false, 3000);
            SenderProcess sender = f.sender(false, 1);
            BroadcastFixture.resetCounters();
            String campaign = f.startCampaign(botId, false);
            f.awaitCompleted(List.of(campaign), Duration.ofMinutes(5));
            Sends sends = Sends.of(f.telegram.calls(Long.parseLong(botId)));
            SenderProcess.Figures figures = sender.stop();
            if (Boolean.getBoolean("bench.timeline")) {
                timeline(f.telegram.calls(Long.parseLong(botId)), sends.first, figures.invocations());
            }
            Bench.figure("broadcast.pacing.sent", sends.ok, "messages", null);
            Bench.figure("broadcast.pacing.rate", sends.rate(), "msg/s", null);
            Bench.figure("broadcast.pacing_ratio", sends.rate() / 30, "ratio", "target>=0.97");
            Bench.figure("broadcast.pacing.telegram_429s", sends.rateLimited, "count", "target<=0");
            cost("broadcast.cost.free", sends.ok, figures, f.plannerBilledMillis.get(), AwsCost.memoryGb(BroadcastFixture.senderFunction(false)),
                    "target<=0.10");
            Bench.end("broadcast.pacing");
        }
    }

    /** 2. Paid broadcast: 20,000 subscribers at 1,000/s with 100 ms Telegram latency. */
    static void paid() {
        try (BroadcastFixture f = new BroadcastFixture()) {
            String botId = f.bot("paid_bot", true, 20_000);
            // 100 ms per Telegram call by default, so that 1,000/s needs about 100 calls in flight (what a paid
            // broadcast must sustain); -Dbench.latencyMs changes it to find where the machine saturates
            f.telegram.faults(Long.parseLong(botId), Faults.latency(Duration.ofMillis(Long.getLong("bench.latencyMs", 100))));
            BroadcastFixture.resetCounters();
            String campaign = f.startCampaign(botId, true);
            // the sender starts once the audience is queued: moto answers each page of the planner's index Query by
            // scanning and sorting the whole table (0.8-2 s per 1,000 subscribers here, tens of ms on DynamoDB), so
            // a planner racing the sender would measure moto's pages, not the sending (its pace is printed apart)
            f.awaitPlanned(List.of(campaign), Duration.ofMinutes(3));
            Bench.figure("broadcast.paid.local_planner_recipients_per_s", 20_000 * 1000.0 / Math.max(1, f.plannerMillis.get()),
                    "recipients/s", null);
            // one poller: with one bot (one FIFO group) a second would only poll a locked group, which costs the
            // in-process SQS emulator (ElasticMQ) a sort of the whole queue each time
            SenderProcess sender = f.sender(true, 1);
            Duration cpuBefore = Duration.ofMillis(sender.cpu().millis());
            // steady state: between a quarter and three quarters of the audience (JIT warm-up excluded); CPU of each
            // process of the pipeline: sender, Telegram emulator, this JVM (ElasticMQ, AWS gateway, planner, the
            // benchmark's polling) and moto
            long bot = Long.parseLong(botId);
            List<ProcessCpu> processes = new ArrayList<>(List.of(sender.cpu(), f.telegram.cpu(), ProcessCpu.thisJvm("benchmark_jvm")));
            ProcessCpu.child("moto", "moto").ifPresent(processes::add);
            Sample quarter = Sample.when(f, bot, processes, 5_000);
            Sample threeQuarters = Sample.when(f, bot, processes, 15_000);
            f.awaitCompleted(List.of(campaign), Duration.ofMinutes(5));
            Duration cpu = Duration.ofMillis(sender.cpu().millis()).minus(cpuBefore);
            Sends sends = Sends.of(f.telegram.calls(Long.parseLong(botId)));
            SenderProcess.Figures figures = sender.stop();
            if (Boolean.getBoolean("bench.timeline")) {
                timeline(f.telegram.calls(bot), sends.first, figures.invocations());
            }
            Bench.figure("broadcast.paid.sent", sends.ok, "messages", null);
            Bench.figure("broadcast.paid.rate", sends.rate(), "msg/s", null);
            Bench.figure("broadcast.paid_ratio", sends.rate() / 1000, "ratio", "target>=0.90");
            Bench.figure("broadcast.paid.telegram_429s", sends.rateLimited, "count", null);
            Bench.figure("broadcast.paid.sender_cpu_ms_per_1000", cpu.toMillis() * 1000.0 / sends.ok, "ms", null);
            double steadyMessages = threeQuarters.sent() - quarter.sent();
            Bench.figure("broadcast.paid.steady_rate", steadyMessages / (threeQuarters.nanos() - quarter.nanos()) * 1e9, "msg/s", null);
            Map<String, Double> steadyCpu = threeQuarters.cpuPerThousandSince(quarter);
            double senderCpu = steadyCpu.get("sender");
            Bench.figure("broadcast.paid.steady_sender_cpu_ms_per_1000", senderCpu, "ms", "target<=250");
            Bench.figure("broadcast.paid.emulator_cpu_ms_per_1000", steadyCpu.get("emulator"), "ms",
                    String.format(java.util.Locale.ROOT, "target<=%.0f", senderCpu));
            Bench.figure("broadcast.paid.benchmark_jvm_cpu_ms_per_1000", steadyCpu.get("benchmark_jvm"), "ms", null);
            if (steadyCpu.containsKey("moto")) {
                Bench.figure("broadcast.paid.moto_cpu_ms_per_1000", steadyCpu.get("moto"), "ms", null);
            }
            Totals totals = cost("broadcast.cost.paid", sends.ok, figures, f.plannerBilledMillis.get(),
                    AwsCost.memoryGb(BroadcastFixture.senderFunction(true)), "target<=0.30");
            // SQS requests billed per message (sends, receives with messages, deletes; empty long polls apart)
            Bench.figure("broadcast.paid.sqs_requests_per_1000", totals.sqsPer1000(), "requests", null);
            Bench.figure("broadcast.paid.ddb_wru_per_1000", totals.wruPer1000(), "WRU", null);
            Bench.end("broadcast.paid");
        }
    }

    /** 3. Ten bots with 1,000 subscribers each, all at 30/s at once. */
    static void manyBots() {
        try (BroadcastFixture f = new BroadcastFixture()) {
            List<String> bots = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                bots.add(f.bot("many_" + i + "_bot", false, 1000));
            }
            List<String> campaigns = new ArrayList<>();
            for (String bot : bots) {
                campaigns.add(f.startCampaign(bot, false));
            }
            // all ten are queued before the sender starts: this measures sending ten bots at once, not the planner
            f.awaitPlanned(campaigns, Duration.ofMinutes(2));
            SenderProcess sender = f.sender(false, 10);
            f.awaitCompleted(campaigns, Duration.ofMinutes(5));
            sender.stop();
            List<ApiCall> all = new ArrayList<>();
            int limited = 0;
            double slowest = Double.MAX_VALUE;
            double sumOfRates = 0;
            for (String bot : bots) {
                List<ApiCall> calls = f.telegram.calls(Long.parseLong(bot));
                Sends s = Sends.of(calls);
                limited += s.rateLimited;
                slowest = Math.min(slowest, s.rate());
                sumOfRates += s.rate();
                all.addAll(calls);
            }
            Bench.figure("broadcast.many_bots.sum_of_bot_rates_ratio", sumOfRates / 300, "ratio", null);
            Sends total = Sends.of(all);
            Bench.figure("broadcast.many_bots.sent", total.ok, "messages", null);
            Bench.figure("broadcast.many_bots.aggregate_rate", total.rate(), "msg/s", null);
            Bench.figure("broadcast.many_bots_ratio", total.rate() / 300, "ratio", "target>=0.95");
            Bench.figure("broadcast.many_bots.slowest_bot_ratio", slowest / 30, "ratio", null);
            Bench.figure("broadcast.many_bots.telegram_429s", limited, "count", null);
            Bench.end("broadcast.many_bots");
        }
    }

    /**
     * 5. 10,000 at 1,000/s paid, 10% 5xx, a 429 burst, and the sender killed mid-batch once: one outcome per
     * recipient, nobody twice, and no more in doubt than the open batches hold.
     */
    static void faults() {
        try (BroadcastFixture f = new BroadcastFixture()) {
            // ten paid batches: the kill leaves some open and the rest to the second sender
            int audience = 10_000;
            String botId = f.bot("faults_bot", true, audience);
            long bot = Long.parseLong(botId);
            // redelivery after the kill in seconds, not the template's 12 minutes
            f.stack.clients().sqs().setQueueAttributes(b -> b.queueUrl(f.stack.resource("PaidSendQueue").ref())
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "8")));
            f.telegram.faults(bot, new Faults(Duration.ofMillis(50), 0.10, 5, 1));
            SenderProcess first = f.sender(true, 1);
            String campaign = f.startCampaign(botId, true);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (f.telegram.totalMessagesSent(bot) < audience / 3 && System.nanoTime() < deadline) {
                BroadcastFixture.sleep(20);
            }
            int sentAtKill = f.telegram.totalMessagesSent(bot);
            first.kill();
            SenderProcess second = f.sender(true, 1);
            f.awaitCompleted(List.of(campaign), Duration.ofMinutes(5));
            second.stop();

            Map<DeliveryOutcome, Integer> outcomes = new EnumMap<>(DeliveryOutcome.class);
            Map<Long, Integer> recorded = new HashMap<>();
            int unknownReceived = 0;
            String cursor = null;
            do {
                DeliveryLedger.Page page = f.broadcast.ledger().page(campaign, cursor, 100);
                for (LedgerChunk chunk : page.chunks()) {
                    List<Long> recipients = chunk.batch().recipients();
                    for (int i = 0; i < recipients.size(); i++) {
                        DeliveryOutcome o = chunk.outcome(i);
                        outcomes.merge(o, 1, Integer::sum);
                        recorded.merge(recipients.get(i), 1, Integer::sum);
                        if (o == DeliveryOutcome.UNKNOWN && f.telegram.messagesIn(bot, recipients.get(i)) > 0) {
                            unknownReceived++;
                        }
                    }
                }
                cursor = page.nextCursor();
            } while (cursor != null);
            int messagedTwice = 0;
            for (long chat : recorded.keySet()) {
                if (f.telegram.messagesIn(bot, chat) > 1) {
                    messagedTwice++;
                }
            }
            long notTerminal = outcomes.entrySet().stream().filter(e -> !e.getKey().terminal()).mapToLong(Map.Entry::getValue).sum();
            Bench.figure("broadcast.faults.recipients", audience, "count", null);
            Bench.figure("broadcast.faults.recorded_once", recorded.values().stream().filter(n -> n == 1).count(), "count",
                    "target>=" + audience);
            Bench.figure("broadcast.faults.without_final_outcome", notTerminal, "count", "target<=0");
            Bench.figure("broadcast.faults.sent_at_kill", sentAtKill, "count", null);
            int bound = io.botfleet.broadcast.send.BatchSender.OPEN_BATCHES * io.botfleet.broadcast.send.SendBatch.sizeFor(true);
            Bench.figure("broadcast.faults.unknown", outcomes.getOrDefault(DeliveryOutcome.UNKNOWN, 0), "count",
                    "target<=" + bound);
            Bench.figure("broadcast.faults.unknown_actually_received", unknownReceived, "count", null);
            // open batches: marked in flight, final outcomes not yet written; a paid batch has up to 1,000 recipients
            Bench.figure("broadcast.faults.in_doubt_bound", bound, "count", null);
            Bench.figure("broadcast.faults.messaged_twice", messagedTwice, "count", "target<=0");
            new TreeMap<>(outcomes).forEach((o, n) -> Bench.figure("broadcast.faults.outcome_" + o.name().toLowerCase(), n, "count", null));
            Bench.end("broadcast.faults");
        }
    }

    /** Queue requests and write units per 1,000 delivered messages. */
    record Totals(double sqsPer1000, double wruPer1000) {}

    /**
     * AWS requests and USD per delivered message: this JVM's (planner, campaign API) plus the sender's. The sender is
     * billed its invocations' wall time (at the free rate mostly the bot's pace), the planner
     * {@code plannerBilledMillis} (see {@link BroadcastFixture#plannerBilledMillis}).
     */
    static Totals cost(String name, long delivered, SenderProcess.Figures sender, long plannerBilledMillis, double senderGb,
                       String usdTarget) {
        Map<String, long[]> all = new TreeMap<>(AwsCost.Usage.counted().byOperation());
        sender.aws().forEach((op, v) -> all.merge(op, v, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
        AwsCost.Usage usage = AwsCost.Usage.of(all);
        double perThousand = 1000.0 / delivered;
        all.forEach((op, v) -> Bench.figure(name + ".requests_per_1000." + op, v[0] * perThousand, "requests", null));
        double lambdaGbSeconds = sender.invocationMillis() / 1000.0 * senderGb + plannerBilledMillis / 1000.0 * PLANNER_GB;
        long lambdaRequests = sender.invocations().size() + 1;
        double sqsUsd = usage.sqsUsd(AwsCost.SQS_FIFO_PER_REQUEST);
        double lambdaUsd = AwsCost.lambdaUsd(lambdaGbSeconds, lambdaRequests);
        double usd = sqsUsd + usage.dynamoUsd() + lambdaUsd;
        Bench.figure(name + ".dynamodb_wru_per_1000", usage.dynamoWriteUnits() * perThousand, "WRU", null);
        Bench.figure(name + ".lambda_gb_seconds_per_1000", lambdaGbSeconds * perThousand, "GB-s", null);
        Bench.figure(name + ".planner_billed_ms_per_1000", plannerBilledMillis * perThousand, "ms", null);
        Bench.figure(name + ".usd_sqs_per_million", sqsUsd / delivered * 1e6, "USD", null);
        Bench.figure(name + ".usd_dynamodb_per_million", usage.dynamoUsd() / delivered * 1e6, "USD", null);
        Bench.figure(name + ".usd_lambda_per_million", lambdaUsd / delivered * 1e6, "USD", null);
        Bench.figure(name + ".usd_per_million", usd / delivered * 1e6, "USD", usdTarget);
        Bench.figure(name + ".sender_peak_rss_mb", sender.peakRssKb() / 1024.0, "MB", "target<=" + Math.round(senderGb * 1024));
        Bench.figure(name + ".sender_peak_heap_after_gc_mb", sender.peakHeapKb() / 1024.0, "MB", null);
        return new Totals(usage.sqsRequests() * perThousand, usage.dynamoWriteUnits() * perThousand);
    }

    /** Messages sent, the CPU time of the pipeline's processes (ms, by name) and the time when a send count was reached. */
    record Sample(long sent, Map<String, Long> cpuMillis, long nanos) {
        static Sample when(BroadcastFixture f, long bot, List<ProcessCpu> processes, int sent) {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            // the count is asked of the emulator's process: often enough to land near the mark, rarely enough
            // (10 calls/s) to cost it and this JVM next to nothing
            while (f.telegram.totalMessagesSent(bot) < sent && System.nanoTime() < deadline) {
                BroadcastFixture.sleep(100);
            }
            long reached = f.telegram.totalMessagesSent(bot);
            Map<String, Long> cpu = new java.util.LinkedHashMap<>();
            processes.forEach(p -> cpu.put(p.name(), p.millis()));
            return new Sample(reached, cpu, System.nanoTime());
        }

        /** Each process's CPU milliseconds per 1,000 messages sent between {@code earlier} and this sample. */
        Map<String, Double> cpuPerThousandSince(Sample earlier) {
            double messages = sent - earlier.sent;
            Map<String, Double> perThousand = new java.util.LinkedHashMap<>();
            cpuMillis.forEach((name, ms) -> perThousand.put(name, (ms - earlier.cpuMillis.get(name)) * 1000.0 / messages));
            return perThousand;
        }
    }

    /** Accepted sends and 429s among a bot's calls, and the rate between the first and the last accepted send. */
    /** -Dbench.timeline=true: accepted sends per 250 ms from the first, to see where a run loses time. */
    private static void timeline(List<ApiCall> calls, Instant first, List<SenderProcess.Invoke> invocations) {
        for (SenderProcess.Invoke i : invocations) {
            System.out.printf(java.util.Locale.ROOT, "INVOCATION from %.2f s to %.2f s, %d message(s)%n",
                    Duration.between(first, i.start()).toMillis() / 1000.0,
                    (Duration.between(first, i.start()).toMillis() + i.millis()) / 1000.0, i.records());
        }
        java.util.TreeMap<Long, Integer> buckets = new java.util.TreeMap<>();
        for (ApiCall c : calls) {
            if (c.method().startsWith("send") && c.status() == 200) {
                buckets.merge(Duration.between(first, c.time()).toMillis() / 250, 1, Integer::sum);
            }
        }
        StringBuilder line = new StringBuilder("TIMELINE (sends per 250 ms)");
        for (long b = 0; b <= buckets.lastKey(); b++) {
            line.append(b % 4 == 0 ? " | " : " ").append(buckets.getOrDefault(b, 0));
        }
        System.out.println(line);
    }

    record Sends(int ok, int rateLimited, Instant first, Instant last) {
        static Sends of(List<ApiCall> calls) {
            int ok = 0;
            int limited = 0;
            Instant first = null;
            Instant last = null;
            for (ApiCall c : calls) {
                if (!c.method().startsWith("send")) {
                    continue;
                }
                if (c.status() == 429) {
                    limited++;
                }
                if (c.status() == 200) {
                    ok++;
                    first = first == null || c.time().isBefore(first) ? c.time() : first;
                    last = last == null || c.time().isAfter(last) ? c.time() : last;
                }
            }
            return new Sends(ok, limited, first, last);
        }

        double rate() {
            return ok < 2 ? 0 : (ok - 1) / (Duration.between(first, last).toNanos() / 1e9);
        }
    }
}
