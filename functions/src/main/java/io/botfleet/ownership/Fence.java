package io.botfleet.ownership;

/**
 * A fencing token: writes carrying it succeed only while the lease still has this owner and epoch. Adapters turn it
 * into a DynamoDB condition check on the lease item in the same transaction as the write.
 */
public record Fence(String botId, String ownerId, long epoch) {}
