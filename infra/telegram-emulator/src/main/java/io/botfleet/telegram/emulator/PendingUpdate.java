package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An update waiting for delivery; {@code json} already carries its {@code update_id}. */
record PendingUpdate(long updateId, ObjectNode json, long createdAtEpochSecond) {
}
