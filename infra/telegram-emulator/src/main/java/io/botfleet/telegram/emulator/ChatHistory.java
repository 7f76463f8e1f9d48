package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * One chat between a bot and a user or group: message ids shared by both sides, and what is in the chat now.
 * Edits replace a message, deletes remove it; message JSON is never changed in place, because updates already
 * queued for the bot (a callback_query carries its message) must keep what the message said at the time.
 */
final class ChatHistory {

    /**
     * A message in the chat: its Bot API JSON and, for messages the bot sent, what the recipient sees. The JSON is
     * kept serialized: as a tree it was some 20 small objects per message, most of what this process retained during
     * a broadcast, copied again by every young collection.
     *
     * @param received null for messages a user sent to the bot
     */
    record Stored(byte[] serialized, ReceivedMessage received) {

        Stored(ObjectNode json, ReceivedMessage received) {
            this(Json.bytes(json), received);
        }

        /** A tree of its own on every call, free to change. */
        ObjectNode json() {
            return (ObjectNode) Json.parse(serialized);
        }

        /** The JSON as a method's result: written into the answer as stored, not serialized a second time. */
        JsonNode result() {
            return Json.raw(serialized);
        }

        boolean fromBot() {
            return received != null;
        }
    }

    private final AtomicLong lastMessageId = new AtomicLong();
    private final Map<Long, Stored> messages = new ConcurrentHashMap<>();

    long nextMessageId() {
        return lastMessageId.incrementAndGet();
    }

    Stored botSent(ReceivedMessage received, ObjectNode message) {
        Stored stored = new Stored(message, Objects.requireNonNull(received));
        messages.put(received.messageId(), stored);
        return stored;
    }

    void userSent(long messageId, ObjectNode message) {
        messages.put(messageId, new Stored(message, null));
    }

    ObjectNode message(long messageId) {
        Stored stored = messages.get(messageId);
        return stored == null ? null : stored.json();
    }

    Stored stored(long messageId) {
        return messages.get(messageId);
    }

    /**
     * Replaces a message atomically; {@code edit} may throw an {@link ApiException} to refuse, leaving the message
     * as it was. Returns the new version, or null when there is no such message.
     */
    Stored edit(long messageId, UnaryOperator<Stored> edit) {
        return messages.computeIfPresent(messageId, (id, current) -> edit.apply(current));
    }

    /** Returns false when there was no such message. */
    boolean delete(long messageId) {
        return messages.remove(messageId) != null;
    }

    /** Sorted because concurrent sends to one chat may be stored out of message-id order. */
    List<ReceivedMessage> receivedFromBot() {
        return messages.values().stream()
                .filter(Stored::fromBot)
                .map(Stored::received)
                .sorted(Comparator.comparingLong(ReceivedMessage::messageId))
                .toList();
    }
}
