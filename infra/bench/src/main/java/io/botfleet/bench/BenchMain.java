package io.botfleet.bench;

/** {@code BenchMain webhook|coldstart|heartbeat|emulator|live|redirect|broadcast …}: runs one benchmark against the local stack and prints BENCH lines. */
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
            case "live" -> LiveBench.run();
            case "redirect" -> RedirectBench.run();
            case "broadcast" -> io.botfleet.bench.broadcast.BroadcastBenchmark.main(
                    java.util.Arrays.copyOfRange(args, 1, args.length));
            default -> throw new IllegalArgumentException("unknown benchmark " + which + " (webhook, coldstart, heartbeat, emulator, live, redirect, broadcast <pacing|paid|many-bots|faults|all>)");
        }
        System.exit(0);
    }

    static void bench(String name, double value, String unit, String target) {
        System.out.printf(java.util.Locale.ROOT, "BENCH %s %s %s %s%n", name,
                value == Math.rint(value) && Math.abs(value) < 1e12 ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.3f", value),
                unit, target);
    }
}
