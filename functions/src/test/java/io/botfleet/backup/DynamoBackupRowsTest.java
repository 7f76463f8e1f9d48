package io.botfleet.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The mapping of items to export rows and back: types kept exactly, tokens left out, bad rows refused with why. */
class DynamoBackupRowsTest {
    static final Map<String, AttributeValue> BOT = Map.ofEntries(
            Map.entry("pk", AttributeValue.fromS("BOT#123")), Map.entry("sk", AttributeValue.fromS("PROFILE")),
            Map.entry("botId", AttributeValue.fromS("123")), Map.entry("username", AttributeValue.fromS("shop_bot")),
            Map.entry("displayName", AttributeValue.fromS("Shop")), Map.entry("tokenCipher", AttributeValue.fromS("djEAAAsecret")),
            Map.entry("tokenMask", AttributeValue.fromS("123:AA…xyz")), Map.entry("status", AttributeValue.fromS("active")),
            Map.entry("sendRatePerSec", AttributeValue.fromN("30")), Map.entry("paidBroadcast", AttributeValue.fromBool(false)),
            Map.entry("replyStart", AttributeValue.fromS("hi")), Map.entry("replyStop", AttributeValue.fromS("bye")),
            Map.entry("webhookPolicy", AttributeValue.fromS("restore")), Map.entry("webhookState", AttributeValue.fromS("attached")),
            Map.entry("allowedUpdates", AttributeValue.fromL(List.of(AttributeValue.fromS("message")))),
            Map.entry("createdAt", AttributeValue.fromS("2026-11-30T10:00:00.000Z")), Map.entry("createdBy", AttributeValue.fromS("u1")),
            Map.entry("version", AttributeValue.fromN("4")), Map.entry("gsi1pk", AttributeValue.fromS("BOTS")),
            Map.entry("gsi1sk", AttributeValue.fromS("2026-11-30T10:00:00.000Z#123")));

    @Test
    void everyAttributeTypeSurvivesTheRowExactly() {
        Map<String, AttributeValue> item = Map.of(
                "s", AttributeValue.fromS("ünï \"quoted\"\n"), "n", AttributeValue.fromN("12345678901234567890.5"),
                "b", AttributeValue.fromBool(true), "nul", AttributeValue.fromNul(true),
                "ss", AttributeValue.fromSs(List.of("vip", "spring")), "ns", AttributeValue.fromNs(List.of("1", "2")),
                "bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 255})),
                "l", AttributeValue.fromL(List.of(AttributeValue.fromN("7"), AttributeValue.fromS("x"))),
                "m", AttributeValue.fromM(Map.of("0", AttributeValue.fromS("403 Forbidden"))));
        String line = DynamoItemJson.write(item);
        assertThat(line).startsWith("{\"Item\":{").doesNotContain("\n");
        assertThat(DynamoItemJson.read(line)).isEqualTo(item);
    }

    @Test
    void aBotIsExportedWithoutItsTokenAndARowWithATokenIsRefused() {
        Map<String, AttributeValue> row = DynamoBackupRows.exported(BackupEntity.BOTS, BOT);
        assertThat(row).doesNotContainKey("tokenCipher").containsEntry("tokenMask", BOT.get("tokenMask"));
        assertThat(DynamoItemJson.write(row)).doesNotContain("djEAAAsecret");
        DynamoBackupRows.check(BackupEntity.BOTS, DynamoItemJson.read(DynamoItemJson.write(row)));
        assertThatThrownBy(() -> DynamoBackupRows.check(BackupEntity.BOTS, BOT)).hasMessageContaining("holds a token");
    }

    @Test
    void rowsAreCheckedByTheirStoresParsers() {
        assertThat(DynamoBackupRows.belongs(BackupEntity.BOTS, Map.of("pk", AttributeValue.fromS("BOT#1"), "sk", AttributeValue.fromS("LEASE"))))
                .isFalse();
        assertThatThrownBy(() -> DynamoBackupRows.check(BackupEntity.CAMPAIGNS, Map.of("pk", AttributeValue.fromS("CAMPAIGN#1"),
                "sk", AttributeValue.fromS("META"), "doc", AttributeValue.fromS("{\"id\":\"1\",\"surprise\":true}"))))
                .hasMessageContaining("does not read as campaigns");
        assertThatThrownBy(() -> DynamoBackupRows.check(BackupEntity.SUBSCRIBERS, Map.of("botId", AttributeValue.fromS("1"),
                "chatId", AttributeValue.fromS("42"), "status", AttributeValue.fromS("sleeping"))))
                .hasMessageContaining("unknown status sleeping");
        assertThatThrownBy(() -> DynamoItemJson.read("{\"Item\":{\"n\":{\"N\":\"twelve\"}}}")).hasMessageContaining("Item.n is not a number");
        assertThatThrownBy(() -> DynamoItemJson.read("{\"pk\":\"BOT#1\"}")).hasMessageContaining("not {\"Item\"");
    }
}
