package io.botfleet.telegram.emulator;


import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Telegram Bot API stand-in on loopback: bots, simulated users, Telegram's limits and errors, and webhook
 * delivery. The Bot API is served at {@code baseUrl() + "/bot<token>/<method>"}; the same control operations
 * as this class offers are served under {@code /control/} (see the module README).
 */
public final class TelegramEmulator implements AutoCloseable {

    /** Short: media URLs in tests point at loopback, and a slow one should fail the send, not hang it. */
    private static final Duration MEDIA_FETCH_TIMEOUT = Duration.ofSeconds(5);

    private final EmulatorServer server;
    private final ExecutorService requestExecutor;
    private final HttpClient webhookClient;
    private final HttpClient mediaClient;
    private final MediaFetcher media;
    private final EmulatorState state;
    private final BotApi api;
    private final SimulatedUsers users;
    private final DeliverySettings delivery;
    private final Map<Long, Thread> deliverers = new ConcurrentHashMap<>();

    private TelegramEmulator(int port, DeliverySettings delivery, EmulatorState state) {
        this.requestExecutor = Executors.newVirtualThreadPerTaskExecutor();
        this.delivery = delivery;
        this.state = state;
        ChatAccess access = new ChatAccess(state);
        this.mediaClient = HttpClient.newBuilder()
                .connectTimeout(MEDIA_FETCH_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.media = new MediaFetcher(mediaClient, MEDIA_FETCH_TIMEOUT);
        this.api = new BotApi(new MessageSender(state, access, media), new MessageEditor(access, state.clock()),
                new BotCommands(access), new ChatMethods(access), state.clock());
        this.users = new SimulatedUsers(state);
        this.webhookClient = HttpClient.newBuilder()
                .connectTimeout(delivery.timeout())
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        try {
            this.server = EmulatorServer.start(port, new EmulatorHttpHandler(new BotApiHandler(state, api),
                    new ControlApiHandler(this), requestExecutor));
        } catch (RuntimeException e) {
            closeClients();
            throw e;
        }
    }

    /** Starts on 127.0.0.1; port 0 picks a free port. */
    public static TelegramEmulator start(int port) {
        return start(port, DeliverySettings.DEFAULTS);
    }

    public static TelegramEmulator start(int port, DeliverySettings delivery) {
        return new TelegramEmulator(port, delivery, new EmulatorState(Clock.systemUTC(), System::nanoTime));
    }

    /**
     * With a clock of the test's choosing, which then drives everything time-based: message dates, flood waits,
     * update expiry and the send-rate limits. (Long-poll timeouts and webhook retries still take real time.)
     */
    static TelegramEmulator start(int port, DeliverySettings delivery, Clock clock) {
        return new TelegramEmulator(port, delivery, new EmulatorState(clock, () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.port();
    }

    /** Creates a bot with a generated id and a realistic token ({@code <id>:<35 characters>}). */
    public EmulatedBot createBot(String username, String firstName) {
        return started(state.createBot(username, firstName));
    }

    public EmulatedBot createBot(long id, String token, String username, String firstName) {
        return started(state.addBot(new EmulatedBot(id, token, username, firstName)));
    }

    /**
     * Revokes the bot's token and issues a new one: every Bot API call (and file download) with the old token
     * answers 401 {@code {"ok":false,"error_code":401,"description":"Unauthorized"}}. Returns the bot with its new
     * token.
     */
    public EmulatedBot revokeToken(long botId) {
        return state.revokeToken(botId);
    }

    public void setLimits(long botId, Limits limits) {
        state.bot(botId).limits(limits);
    }

    /** A user every bot may message, whether or not the user ever wrote to it. */
    public EmulatedUser createUser(String firstName, String username, String languageCode) {
        return state.createUser(firstName, username, languageCode, true);
    }

    /**
     * With {@code startedBots} false, a user who has written to no bot yet: a bot that sends to them gets 403
     * "Forbidden: bot can't initiate conversation with a user" until the user writes to that bot (any message,
     * /start included).
     */
    public EmulatedUser createUser(String firstName, String username, String languageCode, boolean startedBots) {
        return state.createUser(firstName, username, languageCode, startedBots);
    }

    /** The user deletes their account: every bot gets 403 "Forbidden: user is deactivated" for them from now on. */
    public void deactivateUser(long userId) {
        state.deactivate(userId);
    }

    /** A supergroup every bot is in. */
    public EmulatedGroup createGroup(String title) {
        return state.createGroup(title, EmulatedGroup.SUPERGROUP);
    }

    /** A basic group (type {@code group}) every bot is in; only basic groups can be migrated to supergroups. */
    public EmulatedGroup createBasicGroup(String title) {
        return state.createGroup(title, EmulatedGroup.BASIC);
    }

    /** Returns the update id of the resulting {@code message} update. */
    public long userSendsText(long botId, long userId, String text) {
        return users.sendsText(state.bot(botId), state.user(userId), text);
    }

    /** Sends {@code /start} or {@code /start <payload>}; returns the update id. */
    public long userSendsStart(long botId, long userId, String payload) {
        return users.sendsStart(state.bot(botId), state.user(userId), payload);
    }

    /** Presses an inline button under one of the bot's messages; returns the update id of the callback_query. */
    public long userPressesButton(long botId, long userId, long messageId, String callbackData) {
        return users.pressesButton(state.bot(botId), state.user(userId), messageId, callbackData);
    }

    /** Returns the update id of the my_chat_member update, or -1 when the user had already blocked the bot. */
    public long userBlocksBot(long botId, long userId) {
        return users.changesBlock(state.bot(botId), state.user(userId), true);
    }

    /** Returns the update id of the my_chat_member update, or -1 when the user had not blocked the bot. */
    public long userUnblocksBot(long botId, long userId) {
        return users.changesBlock(state.bot(botId), state.user(userId), false);
    }

    /**
     * The group's administrator removes the bot: its sends there answer 403 "Forbidden: bot was kicked from the group
     * chat" (basic group) or "... from the supergroup chat". Returns the update id of the my_chat_member update
     * (member → kicked), or -1 when the bot was already out.
     */
    public long kickBotFromGroup(long botId, long groupId) {
        return users.changesBotMembership(state.bot(botId), state.group(groupId), true);
    }

    /** Adds a kicked bot back; returns the my_chat_member update id (kicked → member), or -1 if it was not kicked. */
    public long addBotToGroup(long botId, long groupId) {
        return users.changesBotMembership(state.bot(botId), state.group(groupId), false);
    }

    /**
     * Upgrades a basic group to a supergroup (new id, same title). Sends, chat actions and deletes to the old id then
     * answer 400 "Bad Request: group chat was upgraded to a supergroup chat" with
     * {@code parameters.migrate_to_chat_id}; bots that knew the group get the migrate_from/migrate_to service
     * messages. Returns the supergroup.
     */
    public EmulatedGroup migrateGroupToSupergroup(long groupId) {
        EmulatedGroup group = state.group(groupId);
        EmulatedGroup supergroup = state.migrate(groupId);
        state.bots().forEach(bot -> users.groupUpgraded(bot, group, supergroup));
        return supergroup;
    }

    /** What arrived in the chat from the bot, in message id order. */
    public List<ReceivedMessage> messagesReceivedBy(long botId, long chatId) {
        return state.bot(botId).receivedIn(chatId);
    }

    public int totalMessagesSent(long botId) {
        return state.bot(botId).messagesSent();
    }

    /** A file the bot uploaded (multipart), as the emulator stored it. */
    public record Upload(String fileId, String kind, String fileName, String mimeType, long size) {}

    /** The files the bot uploaded with its sends (multipart/form-data), oldest first. */
    public List<Upload> uploads(long botId) {
        return state.bot(botId).uploads().stream()
                .map(f -> new Upload(f.fileId(), f.kind(), f.fileName(), f.mimeType(), f.size())).toList();
    }

    public List<ApiCall> calls(long botId) {
        return state.bot(botId).calls();
    }

    /**
     * Replaces the bot's faults: the forced-429 and slow-accept counts start over, and a flood wait starts now.
     */
    public void faults(long botId, Faults faults) {
        state.bot(botId).faults(faults);
    }

    /** The Bot API methods served, by canonical name (for contract tests). */
    Set<String> botApiMethods() {
        return api.methodNames();
    }

    /** Whether a getUpdates call of the bot is waiting for updates now: tests use it to order concurrent polls. */
    boolean isLongPolling(long botId) {
        return state.bot(botId).updates().isLongPolling();
    }

    public WebhookState webhookInfo(long botId) {
        return state.bot(botId).updates().state();
    }

    /**
     * Whether media sent by http(s) URL is fetched (the default, as Telegram does) or taken unseen, as this emulator
     * did before it fetched: for tests whose media URLs point nowhere and that do not care about media content.
     */
    public void fetchMediaUrls(boolean fetch) {
        media.enabled(fetch);
    }

    /** Forgets all bots, users and groups, stops their webhook delivery, and fetches media URLs again. */
    public void reset() {
        stopDeliverers();
        state.clear();
        media.enabled(true);
    }

    @Override
    public void close() {
        server.close();
        stopDeliverers();
        closeClients();
    }

    private void closeClients() {
        requestExecutor.shutdownNow();
        webhookClient.shutdownNow();
        mediaClient.shutdownNow();
    }

    private EmulatedBot started(BotState bot) {
        Thread deliverer = Thread.ofVirtual()
                .name("webhook-delivery-" + bot.id())
                .start(new WebhookDeliverer(bot, api, webhookClient, delivery));
        deliverers.put(bot.id(), deliverer);
        return bot.bot();
    }

    private void stopDeliverers() {
        deliverers.values().forEach(Thread::interrupt);
        deliverers.clear();
    }
}
