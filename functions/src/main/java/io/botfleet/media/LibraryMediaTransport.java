package io.botfleet.media;

import io.botfleet.broadcast.content.TelegramSendRequest;
import io.botfleet.broadcast.send.BotSendProfile;
import io.botfleet.broadcast.send.MessageTransport;
import io.botfleet.telegram.TelegramApiException;
import io.botfleet.telegram.TelegramBotApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages whose media is a library item: the first send for a bot uploads the file (multipart, to that
 * message's recipient) and stores the file_id Telegram returns; every later send of any sender names the file_id.
 *
 * <p>The race: senders of one bot can run at once (the free and the paid queue, several invocations, the API's test
 * sends). Uploading first and keeping the first file_id written would upload once per racer; so the upload is
 * claimed first, with a conditional write that only succeeds while no file_id is stored and no other sender's claim
 * is live. The winner uploads; the others wait for its file_id (re-reading the item) and send by it. A claim expires
 * after {@link #CLAIM}, so a sender that died mid-upload delays the others but does not stop them: only then can a
 * second upload happen, as Telegram's send has no idempotency key to make an in-doubt upload safe to repeat. A failed
 * upload gives the claim up at once. Inside one sender, a lock per item and bot keeps its own threads from even
 * trying the claim together, and file_ids are kept in memory for the instance's life.
 */
public final class LibraryMediaTransport implements MessageTransport {
    private static final Logger log = LoggerFactory.getLogger(LibraryMediaTransport.class);
    /** Longer than an upload of 50 MB within the Telegram client's timeout. */
    public static final Duration CLAIM = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);

    private final TelegramBotApi telegram;
    private final MediaStore store;
    private final FileIds fileIds;
    private final MediaObjects objects;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final Map<String, String> known = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public LibraryMediaTransport(TelegramBotApi telegram, MediaStore store, FileIds fileIds, MediaObjects objects, Clock clock) {
        this.telegram = telegram;
        this.store = store;
        this.fileIds = fileIds;
        this.objects = objects;
        this.clock = clock;
    }

    @Override
    public long send(BotSendProfile bot, TelegramSendRequest request) {
        if (request.libraryMediaId() == null) {
            return telegram.send(bot.token(), request.method(), request.chatId(), request.message());
        }
        MediaItem item = store.get(request.libraryMediaId()).filter(m -> m.status() == MediaStatus.VALIDATED)
                // one of Telegram's own content errors, so the campaign pauses with it instead of failing each recipient
                .orElseThrow(() -> new TelegramApiException(request.method(), 400,
                        "Bad Request: wrong file identifier/HTTP URL specified (media library item "
                                + request.libraryMediaId() + " is gone)", OptionalInt.empty()));
        String parameter = item.kind().parameterName();
        String cacheKey = item.id() + "#" + bot.botId();
        while (true) {
            String fileId = fileIdFor(item, bot, cacheKey);
            if (fileId != null) {
                Map<String, Object> message = new LinkedHashMap<>(request.message());
                message.put(parameter, fileId);
                return telegram.send(bot.token(), request.method(), request.chatId(), message);
            }
            ReentrantLock lock = locks.computeIfAbsent(cacheKey, k -> new ReentrantLock());
            lock.lock();
            try {
                if (known.containsKey(cacheKey)) {
                    continue;
                }
                Instant now = clock.instant();
                if (fileIds.claim(item.id(), bot.botId(), owner, now.plus(CLAIM), now)) {
                    return upload(bot, request, item, parameter, cacheKey);
                }
            } finally {
                lock.unlock();
            }
            // another sender is uploading it: its file_id will be there soon
            pause();
        }
    }

    private String fileIdFor(MediaItem item, BotSendProfile bot, String cacheKey) {
        String fileId = known.get(cacheKey);
        if (fileId == null) {
            fileId = fileIds.get(item.id(), bot.botId()).filter(FileIds.Slot::done).map(FileIds.Slot::fileId).orElse(null);
            if (fileId != null) {
                known.put(cacheKey, fileId);
            }
        }
        return fileId;
    }

    private long upload(BotSendProfile bot, TelegramSendRequest request, MediaItem item, String parameter, String cacheKey) {
        try {
            TelegramBotApi.Uploaded sent = telegram.upload(bot.token(), request.method(), request.parameters(), parameter,
                    item.sendFileName(), item.sendContentType(), objects.read(item.sendKey()));
            String fileId = sent.fileId().orElse(null);
            if (fileId != null) {
                fileIds.save(item.id(), bot.botId(), owner, fileId);
                known.put(cacheKey, fileId);
                log.info("media {} uploaded to Telegram for bot {}", item.id(), bot.botId());
            } else {
                fileIds.release(item.id(), bot.botId(), owner);
            }
            return sent.messageId();
        } catch (RuntimeException e) {
            fileIds.release(item.id(), bot.botId(), owner);
            throw e;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another sender's upload", e);
        }
    }
}
