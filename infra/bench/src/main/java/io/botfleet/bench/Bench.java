package io.botfleet.bench;

import java.util.Locale;

/** Prints benchmark figures in the one format docs/benchmarks.md collects: {@code BENCH name.figure value unit target}. */
public final class Bench {
    private Bench() {}

    public static void figure(String name, double value, String unit, String target) {
        System.out.println(String.format(Locale.ROOT, "BENCH %s %s %s%s", name, format(value), unit,
                target == null ? "" : " " + target));
    }

    public static void end(String name) {
        System.out.println("BENCH-END " + name);
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e12 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4g", value);
    }
}
