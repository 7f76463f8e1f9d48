package io.botfleet.health;

/** One dependency the platform cannot work without, and a cheap call that proves it answers. */
public record DependencyCheck(String name, Probe probe) {

    @FunctionalInterface
    public interface Probe {
        void run() throws Exception;
    }
}
