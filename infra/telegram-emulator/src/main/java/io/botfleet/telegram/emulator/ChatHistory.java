package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** One chat between a bot and a user or group: message ids shared by both sides, and what was said. */
final class ChatHistory {

    private final AtomicLong lastMessageId = new AtomicLong();
    private final Queue<ReceivedMessage> receivedFromBot = new ConcurrentLinkedQueue<>();
    private final Map<Long, ObjectNode> messagesById = new ConcurrentHashMap<>();

    long nextMessageId() {
        return lastMessageId.incrementAndGet();
    }

    void botSent(ReceivedMessage received, ObjectNode message) {
        messagesById.put(received.messageId(), message);
        receivedFromBot.add(received);
    }

    void userSent(long messageId, ObjectNode message) {
        messagesById.put(messageId, message);
    }

    ObjectNode message(long messageId) {
        return messagesById.get(messageId);
    }

    /** Sorted because concurrent sends to one chat may be appended out of message-id order. */
    List<ReceivedMessage> receivedFromBot() {
        List<ReceivedMessage> sorted = new ArrayList<>(receivedFromBot);
        sorted.sort(Comparator.comparingLong(ReceivedMessage::messageId));
        return List.copyOf(sorted);
    }
}
