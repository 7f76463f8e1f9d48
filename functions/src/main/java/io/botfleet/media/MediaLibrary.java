package io.botfleet.media;

import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.content.LibraryMedia;
import io.botfleet.broadcast.content.MediaKind;
import io.botfleet.broadcast.content.TelegramLimits;
import io.botfleet.shared.errors.Refusal;
import io.botfleet.shared.ids.Ulid;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media library: hands out upload URLs, checks what arrives (the media function calls {@link #process}), lists
 * and deletes items, and tells campaigns what a media id names.
 */
public final class MediaLibrary implements LibraryMedia {
    private static final Logger log = LoggerFactory.getLogger(MediaLibrary.class);
    /** Long enough for a 50 MB upload on a slow line, short enough that a leaked URL is soon worthless. */
    public static final Duration UPLOAD_URL_TTL = Duration.ofMinutes(15);
    /** The dashboard asks again for each page it shows. */
    public static final Duration VIEW_URL_TTL = Duration.ofMinutes(10);
    /** Campaigns that may still send their media: deleting it would fail them. */
    private static final Set<CampaignStatus> LIVE = Set.of(CampaignStatus.RUNNING, CampaignStatus.SCHEDULED, CampaignStatus.PAUSED);

    /** What the browser needs to upload: a PUT to {@code url} with exactly these headers, before {@code expiresAt}. */
    public record Upload(MediaItem item, URI url, java.util.Map<String, String> headers, Instant expiresAt) {}

    private final MediaStore store;
    private final MediaObjects objects;
    private final CampaignStore campaigns;
    private final Clock clock;

    public MediaLibrary(MediaStore store, MediaObjects objects, CampaignStore campaigns, Clock clock) {
        this.store = store;
        this.objects = objects;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    /** The declared size is refused up front when Telegram would refuse the file anyway (the caller validated the rest). */
    public Upload requestUpload(String fileName, String contentType, long size, String createdBy) {
        MediaFormat declared = MediaFormat.declaredAs(contentType).orElseThrow(() -> Refusal.invalidField("contentType",
                "CONTENT_TYPE_UNSUPPORTED", "contentType must be one of " + String.join(", ", MediaFormat.acceptedTypes())));
        MediaKind kind = declared.kind();
        long limit = TelegramLimits.uploadMaxBytes(kind);
        if (size > limit) {
            throw Refusal.invalidField("size", "MEDIA_TOO_LARGE", "a " + kind.json() + " is at most " + limit / (1024 * 1024)
                    + " MB (Telegram's upload limit); this one has " + size + " bytes");
        }
        Instant now = clock.instant();
        MediaItem item = MediaItem.pending(Ulid.next(now), fileName, MediaFormat.normalized(contentType), size, kind, now, createdBy);
        store.create(item);
        URI url = objects.presignedPut(MediaKeys.upload(item.id()), item.declaredType(), size, UPLOAD_URL_TTL);
        return new Upload(item, url, java.util.Map.of("content-type", item.declaredType()), now.plus(UPLOAD_URL_TTL));
    }

    /**
     * An object arrived under {@code uploads/}: the bytes decide. Refused files move to quarantine with the reason;
     * content the library already holds is dropped and the upload becomes a second name of the holder; anything else
     * is kept as the original (with a copy for Telegram and a thumbnail for photos). Safe to run twice for one object.
     */
    public Optional<MediaItem> process(String key) {
        String id = MediaKeys.idOfUpload(key);
        if (id == null) {
            log.warn("object {} is not an upload; ignored", key);
            return Optional.empty();
        }
        Optional<MediaItem> found = store.getOwn(id);
        if (found.isEmpty()) {
            // an upload whose item was deleted meanwhile (or a redelivery after an alias): nothing may keep it
            log.info("upload {} has no pending item; deleting it", key);
            objects.delete(key);
            return store.get(id);
        }
        MediaItem item = found.get();
        if (item.status() != MediaStatus.PENDING) {
            log.info("media {} was processed already ({})", id, item.status().json());
            return Optional.of(item);
        }
        byte[] bytes = objects.read(key);
        Instant now = clock.instant();
        UploadInspection.Verdict verdict = bytes.length != item.declaredSize()
                ? new UploadInspection.Rejected("uploaded " + bytes.length + " bytes but declared " + item.declaredSize())
                : UploadInspection.inspect(item.declaredType(), bytes);
        return Optional.of(switch (verdict) {
            case UploadInspection.Rejected r -> quarantine(item, r.reason(), bytes.length, now);
            case UploadInspection.Accepted a -> accept(item, a, bytes.length, now);
        });
    }

    private MediaItem quarantine(MediaItem item, String reason, long size, Instant now) {
        objects.move(MediaKeys.upload(item.id()), MediaKeys.quarantine(item.id()));
        MediaItem quarantined = item.quarantined(reason, size, now);
        store.finish(quarantined);
        log.info("media {} quarantined: {}", item.id(), reason);
        return quarantined;
    }

    private MediaItem accept(MediaItem item, UploadInspection.Accepted a, long size, Instant now) {
        String holder = store.claimContent(a.sha256(), item.id());
        if (!holder.equals(item.id())) {
            // the same bytes are in the library already: they are stored once
            objects.delete(MediaKeys.upload(item.id()));
            store.alias(item.id(), holder);
            log.info("media {} has the content of {}; kept once", item.id(), holder);
            return store.get(holder).orElseThrow();
        }
        String sendKey = MediaKeys.original(item.id());
        long sendBytes = size;
        if (a.sendCopy().isPresent()) {
            sendKey = MediaKeys.sendCopy(item.id());
            sendBytes = a.sendCopy().get().length;
            objects.write(sendKey, a.sendCopy().get(), MediaFormat.JPEG.contentType());
        }
        String thumbnailKey = null;
        if (a.thumbnail().isPresent()) {
            thumbnailKey = MediaKeys.thumbnail(item.id());
            objects.write(thumbnailKey, a.thumbnail().get(), MediaFormat.JPEG.contentType());
        }
        objects.move(MediaKeys.upload(item.id()), MediaKeys.original(item.id()));
        MediaItem validated = item.validated(a, size, sendKey, sendBytes, thumbnailKey, now);
        store.finish(validated);
        log.info("media {} validated: {} {} bytes{}", item.id(), a.format().json(), size,
                a.compression() == null ? "" : ", sent as a " + sendBytes + "-byte copy (" + a.compression() + ")");
        return validated;
    }

    public MediaItem get(String id) {
        return store.get(id).orElseThrow(() -> Refusal.notFound("MEDIA_NOT_FOUND", "No media " + id));
    }

    public MediaStore.Page list(String afterId, int limit) {
        return store.list(afterId, limit);
    }

    /** Refused while a running, scheduled or paused campaign may still send the item. */
    public void delete(String id) {
        MediaItem item = get(id);
        for (MediaStore.Use use : store.uses(item.id())) {
            Optional<Campaign> campaign = campaigns.get(use.campaignId());
            if (campaign.isPresent() && campaign.get().content().media() != null
                    && LIVE.contains(campaign.get().status()) && usesItem(campaign.get(), item)) {
                throw Refusal.conflict("MEDIA_IN_USE", "Campaign " + use.campaignId() + " (" + campaign.get().status().json()
                        + ") sends this media; cancel it or let it finish first");
            }
        }
        for (String key : List.of(MediaKeys.upload(item.id()), MediaKeys.original(item.id()), MediaKeys.quarantine(item.id()),
                MediaKeys.sendCopy(item.id()), MediaKeys.thumbnail(item.id()))) {
            objects.delete(key);
        }
        store.delete(item);
        log.info("media {} deleted", item.id());
    }

    private boolean usesItem(Campaign campaign, MediaItem item) {
        String named = campaign.content().media().mediaId();
        return named != null && store.get(named).map(MediaItem::id).filter(item.id()::equals).isPresent();
    }

    /** A short-lived URL of the thumbnail, when the item has one. */
    public Optional<URI> thumbnailUrl(MediaItem item) {
        return Optional.ofNullable(item.thumbnailKey()).map(key -> objects.presignedGet(key, VIEW_URL_TTL));
    }

    /** A short-lived URL of what is sent to Telegram. */
    public Optional<URI> previewUrl(MediaItem item) {
        return Optional.ofNullable(item.sendKey()).map(key -> objects.presignedGet(key, VIEW_URL_TTL));
    }

    @Override
    public Optional<Item> find(String mediaId) {
        return store.get(mediaId).map(m -> new Item(m.id(), m.kind(), m.status() == MediaStatus.VALIDATED, m.status().json()));
    }

    @Override
    public void usedBy(String mediaId, String campaignId, String botId) {
        store.used(mediaId, campaignId, botId);
    }
}
