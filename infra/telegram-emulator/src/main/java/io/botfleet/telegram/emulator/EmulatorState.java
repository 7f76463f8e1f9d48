package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The emulated Telegram: bots by id and token, users, groups, and the id generators. */
final class EmulatorState {

    private static final String TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private static final int TOKEN_SECRET_LENGTH = 35;

    private final Clock clock;
    private final LongSupplier ticker;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, BotState> botsById = new ConcurrentHashMap<>();
    private final Map<String, BotState> botsByToken = new ConcurrentHashMap<>();
    private final Map<Long, EmulatedUser> users = new ConcurrentHashMap<>();
    private final Map<Long, EmulatedGroup> groups = new ConcurrentHashMap<>();
    private final Map<Long, Long> migratedTo = new ConcurrentHashMap<>();
    private final Set<Long> deactivatedUsers = ConcurrentHashMap.newKeySet();
    private final Set<Long> usersWhoStartedNoBot = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastBotId = new AtomicLong(7_000_000_000L);
    private final AtomicLong lastUserId = new AtomicLong(5_000_000_000L);
    private final AtomicLong usersCreated = new AtomicLong();
    private final AtomicLong lastGroupId = new AtomicLong(-1_002_000_000_000L);
    private final AtomicLong lastBasicGroupId = new AtomicLong(-4_500_000_000L);

    EmulatorState(Clock clock, LongSupplier ticker) {
        this.clock = clock;
        this.ticker = ticker;
    }

    Clock clock() {
        return clock;
    }

    /** Monotonic nanoseconds for measuring send rates: System.nanoTime, or derived from a test's clock. */
    long nanoTime() {
        return ticker.getAsLong();
    }

    BotState createBot(String username, String firstName) {
        long id = lastBotId.incrementAndGet();
        return addBot(new EmulatedBot(id, id + ":" + randomTokenSecret(), username, firstName));
    }

    BotState addBot(EmulatedBot bot) {
        if (!bot.token().startsWith(bot.id() + ":") || bot.token().length() <= String.valueOf(bot.id()).length() + 1) {
            throw new IllegalArgumentException("a bot token must look like \"<bot id>:<secret>\"");
        }
        // update ids start at a random-looking number, as Telegram's do, so clients don't rely on them starting at 1
        BotState state = new BotState(bot, clock, 100_000_000L + random.nextInt(800_000_000));
        if (botsById.putIfAbsent(bot.id(), state) != null) {
            throw new IllegalArgumentException("bot " + bot.id() + " already exists");
        }
        botsByToken.put(bot.token(), state);
        return state;
    }

    BotState bot(long botId) {
        BotState bot = botsById.get(botId);
        if (bot == null) {
            throw new IllegalArgumentException("unknown bot " + botId);
        }
        return bot;
    }

    /**
     * Gives the bot a new token, as BotFather's /revoke does: the old one is unknown from now on, so every call
     * with it answers 401 Unauthorized. Everything else about the bot stays.
     */
    EmulatedBot revokeToken(long botId) {
        BotState state = bot(botId);
        synchronized (state) {
            EmulatedBot old = state.bot();
            EmulatedBot renewed = new EmulatedBot(old.id(), old.id() + ":" + randomTokenSecret(), old.username(),
                    old.firstName());
            botsByToken.remove(old.token());
            state.bot(renewed);
            botsByToken.put(renewed.token(), state);
            return renewed;
        }
    }

    BotState botByToken(String token) {
        return botsByToken.get(token);
    }

    /**
     * {@code startedBots} true makes a user every bot may message, as the emulator always had; false makes one
     * who has written to no bot yet, so bots may not message them first.
     */
    EmulatedUser createUser(String firstName, String username, String languageCode, boolean startedBots) {
        EmulatedUser user = new EmulatedUser(nextUserId(), firstName, username, languageCode);
        if (!startedBots) {
            usersWhoStartedNoBot.add(user.id());
        }
        users.put(user.id(), user);
        return user;
    }

    /**
     * Telegram's user ids are not consecutive: billions of accounts, of which one bot's subscribers are a sparse
     * sample. Consecutive ids would make whatever stores lists of them (packed, delta-encoded) look smaller than it
     * is, so ids here are a pseudo-random 1 to 2^20 apart, the same sequence in every run.
     */
    private long nextUserId() {
        long gap = 1 + (mix(usersCreated.incrementAndGet()) & ((1 << 20) - 1));
        return lastUserId.addAndGet(gap);
    }

    /** SplitMix64's finaliser: a well-spread value per counter, without shared generator state. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Whether a bot the user never wrote to may still message them (true for users created as reachable). */
    boolean startedEveryBot(long userId) {
        return !usersWhoStartedNoBot.contains(userId);
    }

    /** A deleted account: bots can no longer message the user. Returns false if it already was. */
    boolean deactivate(long userId) {
        user(userId);
        return deactivatedUsers.add(userId);
    }

    boolean isDeactivated(long userId) {
        return deactivatedUsers.contains(userId);
    }

    EmulatedUser user(long userId) {
        EmulatedUser user = users.get(userId);
        if (user == null) {
            throw new IllegalArgumentException("unknown user " + userId);
        }
        return user;
    }

    /** Supergroup ids start with -100 and basic group ids do not, as in Telegram. */
    EmulatedGroup createGroup(String title, String type) {
        long id = EmulatedGroup.BASIC.equals(type) ? lastBasicGroupId.decrementAndGet() : lastGroupId.decrementAndGet();
        EmulatedGroup group = new EmulatedGroup(id, title, type);
        groups.put(group.id(), group);
        return group;
    }

    EmulatedGroup group(long groupId) {
        EmulatedGroup group = groups.get(groupId);
        if (group == null) {
            throw new IllegalArgumentException("unknown group " + groupId);
        }
        return group;
    }

    /**
     * Upgrades a basic group to a new supergroup with the same title, as Telegram does when a group grows or
     * changes certain settings; the basic group stays readable but can no longer be written to.
     */
    EmulatedGroup migrate(long groupId) {
        EmulatedGroup group = group(groupId);
        if (!group.isBasic()) {
            throw new IllegalArgumentException("group " + groupId + " is a supergroup; only basic groups migrate");
        }
        synchronized (migratedTo) {
            if (migratedTo.containsKey(groupId)) {
                throw new IllegalArgumentException("group " + groupId + " was already upgraded to " + migratedTo.get(groupId));
            }
            EmulatedGroup supergroup = createGroup(group.title(), EmulatedGroup.SUPERGROUP);
            migratedTo.put(groupId, supergroup.id());
            return supergroup;
        }
    }

    /** The supergroup a basic group was upgraded to, or null. */
    Long migratedTo(long groupId) {
        return migratedTo.get(groupId);
    }

    Collection<BotState> bots() {
        return botsById.values();
    }

    /** The user whose private chat this is, or null for groups and unknown chats. */
    EmulatedUser privateChatUser(long chatId) {
        return chatId > 0 ? users.get(chatId) : null;
    }

    /** The group with this chat id, or null. */
    EmulatedGroup groupChat(long chatId) {
        return chatId < 0 ? groups.get(chatId) : null;
    }

    /** The chat object Telegram puts into messages, or null for a chat that does not exist. */
    ObjectNode chatJson(long chatId) {
        EmulatedUser user = users.get(chatId);
        if (user != null) {
            ObjectNode chat = Json.object().put("id", user.id()).put("type", "private").put("first_name", user.firstName());
            if (user.username() != null) {
                chat.put("username", user.username());
            }
            return chat;
        }
        EmulatedGroup group = groups.get(chatId);
        if (group != null) {
            return Json.object().put("id", group.id()).put("type", group.type()).put("title", group.title());
        }
        return null;
    }

    /**
     * The user Telegram names as the actor when a group's anonymous administrator acts: who kicks bots and upgrades
     * groups here, since the emulator has no group administrators of its own.
     */
    static ObjectNode anonymousAdminJson() {
        return Json.object().put("id", 1_087_968_824L).put("is_bot", true).put("first_name", "Group")
                .put("username", "GroupAnonymousBot");
    }

    ObjectNode userJson(EmulatedUser user) {
        ObjectNode json = Json.object().put("id", user.id()).put("is_bot", false).put("first_name", user.firstName());
        if (user.username() != null) {
            json.put("username", user.username());
        }
        if (user.languageCode() != null) {
            json.put("language_code", user.languageCode());
        }
        return json;
    }

    String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length())));
        }
        return id.toString();
    }

    void clear() {
        botsById.clear();
        botsByToken.clear();
        users.clear();
        groups.clear();
        migratedTo.clear();
        deactivatedUsers.clear();
        usersWhoStartedNoBot.clear();
    }

    /** Real tokens' secrets start with "AA"; keeping that makes masked tokens look familiar in logs. */
    private String randomTokenSecret() {
        return "AA" + randomId(TOKEN_SECRET_LENGTH - 2);
    }
}
