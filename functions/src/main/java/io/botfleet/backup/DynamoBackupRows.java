package io.botfleet.backup;

import io.botfleet.ads.DynamoAdStore;
import io.botfleet.audit.DynamoAuditStore;
import io.botfleet.bots.DynamoBotStore;
import io.botfleet.broadcast.campaign.DynamoCampaignStore;
import io.botfleet.broadcast.send.DynamoDeliveryLedger;
import io.botfleet.broadcast.send.SendBatch;
import io.botfleet.media.DynamoMediaStore;
import io.botfleet.subscribers.DynamoSubscriberStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which items of which table make up each entity, what an export leaves out of them (a bot's token) and how a row read
 * back is checked: through the parser of the store that owns the item type (docs/data-model.md), so an import writes
 * only items the platform reads. A row that does not parse is refused with the reason.
 */
public final class DynamoBackupRows {
    /** The attribute holding a bot's encrypted token; never exported. */
    public static final String TOKEN_CIPHER = "tokenCipher";

    private DynamoBackupRows() {}

    /** The tables, by their role (the functions' environment names them). */
    public record Tables(String bots, String subscribers, String campaigns, String deliveries, String media,
                         String audit, String stats) {

        public String of(BackupEntity entity) {
            return switch (entity) {
                case BOTS -> bots;
                case SUBSCRIBERS -> subscribers;
                case CAMPAIGNS, ADS -> campaigns;
                case DELIVERIES -> deliveries;
                case MEDIA -> media;
                case AUDIT -> audit;
                case STATS -> stats;
            };
        }

        /** The tables an import requires empty, by the entity reported when one is not; the audit log may hold the
         * restoring owner's own entries. */
        public Map<BackupEntity, String> mustBeEmpty() {
            Map<BackupEntity, String> out = new java.util.LinkedHashMap<>();
            out.put(BackupEntity.BOTS, bots);
            out.put(BackupEntity.SUBSCRIBERS, subscribers);
            out.put(BackupEntity.CAMPAIGNS, campaigns);
            out.put(BackupEntity.DELIVERIES, deliveries);
            out.put(BackupEntity.MEDIA, media);
            out.put(BackupEntity.STATS, stats);
            return out;
        }
    }

    /** Whether a scanned item of the entity's table belongs to the entity. */
    public static boolean belongs(BackupEntity entity, Map<String, AttributeValue> item) {
        String pk = text(item, "pk");
        String sk = text(item, "sk");
        return switch (entity) {
            case BOTS -> pk.startsWith("BOT#") && sk.equals("PROFILE");
            case SUBSCRIBERS, MEDIA, AUDIT -> true;
            case CAMPAIGNS -> pk.startsWith("CAMPAIGN#") && (sk.equals("META") || sk.equals("PROGRESS"));
            case ADS -> pk.startsWith("ADVERTISER#") && sk.equals("META")
                    || pk.startsWith("CAMPAIGN#") && (sk.equals("AD_ORDER") || sk.startsWith("CLICK#"));
            case DELIVERIES -> pk.startsWith("CAMPAIGN#") && sk.startsWith("BATCH#");
            case STATS -> pk.startsWith("STATS#") || pk.startsWith("ACTIVE#");
        };
    }

    /** The row an export writes for an item: the item, but a bot without its token. */
    public static Map<String, AttributeValue> exported(BackupEntity entity, Map<String, AttributeValue> item) {
        if (entity != BackupEntity.BOTS) {
            return item;
        }
        Map<String, AttributeValue> out = new HashMap<>(item);
        out.remove(TOKEN_CIPHER);
        return out;
    }

    /** Checks a row read back as its store would read it; {@link IllegalArgumentException} with the reason if not. */
    public static void check(BackupEntity entity, Map<String, AttributeValue> item) {
        try {
            parse(entity, item);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("does not read as " + entity.label() + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static void parse(BackupEntity entity, Map<String, AttributeValue> item) {
        switch (entity) {
            case BOTS -> {
                keys(item, "pk", "sk");
                require(belongs(entity, item), "is not a bot profile (pk BOT#<id>, sk PROFILE)");
                require(!item.containsKey(TOKEN_CIPHER), "holds a token: a bot's token never belongs in an export");
                var bot = DynamoBotStore.fromItem(item);
                require(text(item, "pk").equals("BOT#" + bot.botId()), "names bot " + bot.botId() + " under another key");
            }
            case SUBSCRIBERS -> {
                keys(item, "botId", "chatId");
                if (text(item, "chatId").equals("#COUNTERS")) {
                    DynamoSubscriberStore.counts(item);
                } else {
                    var s = DynamoSubscriberStore.fromItem(text(item, "botId"), item);
                    require(List.of("active", "blocked", "left", "kicked", "deactivated", "not_started").contains(s.status()),
                            "has the unknown status " + s.status());
                    keys(item, "statusKey", "joinedKey");
                }
            }
            case CAMPAIGNS -> {
                keys(item, "pk", "sk");
                require(belongs(entity, item), "is not a campaign or its progress");
                if (text(item, "sk").equals("META")) {
                    var c = DynamoCampaignStore.fromItem(item);
                    require(text(item, "pk").equals("CAMPAIGN#" + c.id()), "names campaign " + c.id() + " under another key");
                } else {
                    DynamoCampaignStore.toProgress(item);
                }
            }
            case ADS -> {
                keys(item, "pk", "sk");
                require(belongs(entity, item), "is not an advertiser, ad order or ad click");
                String sk = text(item, "sk");
                if (text(item, "pk").startsWith("ADVERTISER#")) {
                    DynamoAdStore.advertiser(item);
                } else if (sk.equals("AD_ORDER")) {
                    DynamoAdStore.order(item);
                } else {
                    require(item.containsKey("clicks") && item.get("clicks").n() != null, "is a click without its count");
                }
            }
            case DELIVERIES -> {
                keys(item, "pk", "sk", "botId");
                require(belongs(entity, item), "is not a ledger chunk (sk BATCH#<n>)");
                int batchNo = Integer.parseInt(text(item, "sk").substring("BATCH#".length()));
                DynamoDeliveryLedger.fromItem(new SendBatch(text(item, "pk").substring("CAMPAIGN#".length()),
                        text(item, "botId"), batchNo, DynamoDeliveryLedger.recipients(item)), item);
            }
            case MEDIA -> {
                keys(item, "pk", "sk");
                String sk = text(item, "sk");
                if (sk.equals("ITEM")) {
                    if (!item.containsKey("aliasOf")) {
                        DynamoMediaStore.item(item);
                    }
                } else if (sk.equals("CONTENT")) {
                    keys(item, "mediaId");
                } else if (sk.startsWith("USE#")) {
                    keys(item, "botId");
                } else {
                    require(sk.startsWith("BOT#"), "is not a media record (sk ITEM, CONTENT, USE#… or BOT#…)");
                }
            }
            case AUDIT -> {
                keys(item, "pk", "sk");
                DynamoAuditStore.entry(item);
            }
            case STATS -> {
                keys(item, "pk", "sk");
                require(belongs(entity, item), "is not an analytics counter or active-chat shard");
            }
        }
    }

    private static void keys(Map<String, AttributeValue> item, String... names) {
        for (String name : names) {
            AttributeValue v = item.get(name);
            require(v != null && v.s() != null && !v.s().isEmpty(), "has no " + name);
        }
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new IllegalArgumentException(reason);
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null ? "" : v.s();
    }
}
