package io.botfleet.live;

/** Closes one open dashboard connection (nothing happens when it is already gone). */
@FunctionalInterface
public interface ConnectionCloser {
    void close(String connectionId);
}
