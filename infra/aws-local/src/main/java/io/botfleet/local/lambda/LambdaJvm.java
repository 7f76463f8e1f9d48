package io.botfleet.local.lambda;

import java.util.List;

/**
 * How Lambda's Java runtime sizes the JVM of a function with {@code memoryMb}: the heap capped at 85 % of the
 * function's memory, the serial collector. {@code MaxRAM} stands in for the execution environment's memory: the JVM
 * sizes its defaults (initial heap, young generation, GC structures) from the memory it sees, which on Lambda is the
 * function's, not the developer machine's.
 */
public final class LambdaJvm {
    private LambdaJvm() {}

    public static List<String> memoryFlags(int memoryMb) {
        return List.of("-XX:MaxRAM=" + memoryMb + "m", "-XX:MaxHeapSize=" + (memoryMb * 1024L * 85 / 100) + "k",
                "-XX:+UseSerialGC");
    }
}
