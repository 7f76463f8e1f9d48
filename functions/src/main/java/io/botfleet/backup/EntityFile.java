package io.botfleet.backup;

/**
 * One entity's file of an export: how many rows it holds and the SHA-256 (hex) and size of its bytes as stored, which
 * an import checks before it writes anything.
 */
public record EntityFile(String name, String file, long count, String sha256, long bytes) {}
