package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Everything the emulator knows about one bot. Concurrent structures only: sends for one bot run in parallel. */
final class BotState {

    private volatile EmulatedBot bot;
    private final Map<Long, ChatHistory> chats = new ConcurrentHashMap<>();
    private final Queue<ApiCall> calls = new ConcurrentLinkedQueue<>();
    private final AtomicInteger messagesSent = new AtomicInteger();
    /** Files received as multipart uploads, in order: what a test counts uploads by. */
    private final java.util.concurrent.CopyOnWriteArrayList<StoredFile> uploads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, StoredFile> filesById = new ConcurrentHashMap<>();
    private final Map<String, StoredFile> filesByPath = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> callbackQueryAnswered = new ConcurrentHashMap<>();
    private final Set<Long> blockedBy = ConcurrentHashMap.newKeySet();
    private final Set<Long> startedBy = ConcurrentHashMap.newKeySet();
    private final Set<Long> kickedFrom = ConcurrentHashMap.newKeySet();
    private final Map<String, ArrayNode> commands = new ConcurrentHashMap<>();
    private final SendRateLimiter rateLimiter = new SendRateLimiter();
    private final AtomicInteger forced429Remaining = new AtomicInteger();
    private final AtomicInteger slowAcceptsRemaining = new AtomicInteger();
    private final Clock clock;
    private final UpdateQueue updates;
    private volatile Limits limits = Limits.TELEGRAM_DEFAULTS;
    private volatile Faults faults = Faults.NONE;
    private volatile Instant floodWaitUntil;

    BotState(EmulatedBot bot, Clock clock, long firstUpdateId) {
        this.bot = bot;
        this.clock = clock;
        this.updates = new UpdateQueue(clock, firstUpdateId);
    }

    EmulatedBot bot() {
        return bot;
    }

    long id() {
        return bot.id();
    }

    /** After a token revocation: the same bot under a new token. */
    void bot(EmulatedBot renewed) {
        if (renewed.id() != bot.id()) {
            throw new IllegalArgumentException("a bot keeps its id when its token changes");
        }
        this.bot = renewed;
    }

    ObjectNode userJson() {
        return Json.object()
                .put("id", bot.id())
                .put("is_bot", true)
                .put("first_name", bot.firstName())
                .put("username", bot.username());
    }

    ChatHistory chat(long chatId) {
        return chats.computeIfAbsent(chatId, id -> new ChatHistory());
    }

    /** Whether the bot has been in touch with the chat: sent there, or got a message from there. */
    boolean knowsChat(long chatId) {
        return chats.containsKey(chatId);
    }

    List<ReceivedMessage> receivedIn(long chatId) {
        ChatHistory chat = chats.get(chatId);
        return chat == null ? List.of() : chat.receivedFromBot();
    }

    void recordCall(ApiCall call) {
        calls.add(call);
    }

    List<ApiCall> calls() {
        return List.copyOf(calls);
    }

    void countSent(int messages) {
        messagesSent.addAndGet(messages);
    }

    int messagesSent() {
        return messagesSent.get();
    }

    void storeFile(StoredFile file) {
        filesById.put(file.fileId(), file);
        filesByPath.put(file.filePath(), file);
    }

    void uploaded(StoredFile file) {
        uploads.add(file);
    }

    java.util.List<StoredFile> uploads() {
        return java.util.List.copyOf(uploads);
    }

    StoredFile file(String fileId) {
        return filesById.get(fileId);
    }

    StoredFile fileAtPath(String filePath) {
        return filesByPath.get(filePath);
    }

    void callbackQueryAsked(String queryId) {
        callbackQueryAnswered.put(queryId, new AtomicBoolean());
    }

    /** True exactly once per asked query: Telegram rejects unknown and already answered queries alike. */
    boolean answerCallbackQuery(String queryId) {
        AtomicBoolean answered = callbackQueryAnswered.get(queryId);
        return answered != null && answered.compareAndSet(false, true);
    }

    boolean isBlockedBy(long userId) {
        return blockedBy.contains(userId);
    }

    /** Returns false when nothing changed, so that no my_chat_member update is produced twice. */
    boolean setBlockedBy(long userId, boolean blocked) {
        return blocked ? blockedBy.add(userId) : blockedBy.remove(userId);
    }

    /** The bot's command lists by scope and language (see {@link BotCommands}). */
    Map<String, ArrayNode> commands() {
        return commands;
    }

    /** The user wrote to the bot (any message): from then on the bot may message them. */
    void startedBy(long userId) {
        startedBy.add(userId);
    }

    boolean wasStartedBy(long userId) {
        return startedBy.contains(userId);
    }

    boolean isKickedFrom(long groupId) {
        return kickedFrom.contains(groupId);
    }

    /** Returns false when nothing changed, so that no my_chat_member update is produced twice. */
    boolean setKickedFrom(long groupId, boolean kicked) {
        return kicked ? kickedFrom.add(groupId) : kickedFrom.remove(groupId);
    }

    SendRateLimiter rateLimiter() {
        return rateLimiter;
    }

    Limits limits() {
        return limits;
    }

    void limits(Limits limits) {
        this.limits = limits;
    }

    Faults faults() {
        return faults;
    }

    void faults(Faults faults) {
        this.faults = faults;
        forced429Remaining.set(faults.forced429Count());
        slowAcceptsRemaining.set(faults.acceptedSendDelayCount());
        floodWaitUntil = faults.floodWaitSeconds() == 0 ? null : clock.instant().plusSeconds(faults.floodWaitSeconds());
    }

    /** Consumes one forced 429 if any remain. */
    boolean takeForced429() {
        return forced429Remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** The retry_after a send gets during a flood wait: whole seconds left, rounded up; 0 when there is none. */
    int floodWaitSecondsLeft() {
        Instant until = floodWaitUntil;
        if (until == null) {
            return 0;
        }
        long millisLeft = Duration.between(clock.instant(), until).toMillis();
        return millisLeft <= 0 ? 0 : (int) ((millisLeft + 999) / 1000);
    }

    /** How late to answer an accepted send, consuming one of the counted slow answers. */
    Duration takeAcceptedSendDelay() {
        Faults current = faults;
        if (current.acceptedSendDelay().isZero()) {
            return Duration.ZERO;
        }
        if (current.acceptedSendDelayCount() == Faults.EVERY_ACCEPTED_SEND) {
            return current.acceptedSendDelay();
        }
        return slowAcceptsRemaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? current.acceptedSendDelay() : Duration.ZERO;
    }

    UpdateQueue updates() {
        return updates;
    }
}
