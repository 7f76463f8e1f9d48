package io.botfleet.bench;

/**
 * {@code BenchMain webhook|coldstart|heartbeat|emulator|telegram-client|live|dashboard|media|redirect|analytics|broadcast …}: runs one benchmark
 * against the local stack and prints BENCH lines.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] arguments) throws Exception {
        // -Dbench="broadcast paid" arrives as one argument
        String[] args = String.join(" ", arguments).trim().split("\\s+");
        String which = args.length == 0 ? "webhook" : args[0];
        switch (which) {
            case "webhook" -> WebhookBench.run();
            case "coldstart" -> ColdStartBench.run();
            case "heartbeat" -> HeartbeatBench.run();
            case "emulator" -> EmulatorBench.run();
            case "telegram-client" -> io.botfleet.bench.client.TelegramClientBench.run();
            case "live" -> LiveBench.run();
            case "dashboard" -> DashboardScaleBench.run();
            case "media" -> MediaBench.run();
            case "redirect" -> RedirectBench.run();
            case "analytics" -> AnalyticsBench.run();
            case "broadcast" -> io.botfleet.bench.broadcast.BroadcastBenchmark.main(
                    java.util.Arrays.copyOfRange(args, 1, args.length));
            default -> throw new IllegalArgumentException("unknown benchmark " + which + " (webhook, coldstart, heartbeat,"
                    + " emulator, telegram-client, live, dashboard, media, redirect, analytics, broadcast <pacing|paid|many-bots|faults|all>)");
        }
        System.exit(0);
    }
}
