package io.botfleet.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.shared.ids.Ulid;
import io.botfleet.shared.secrets.PlatformKeys;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ClickCodesTest {
    final PlatformKeys keys = PlatformKeys.fromSeed("a-test-seed-that-is-long-enough-for-hkdf-0123456789");
    final ClickCodes codes = new ClickCodes(keys::clickCodeKey);
    final ClickTarget target = new ClickTarget(Ulid.next(Instant.parse("2026-11-30T09:00:00Z")), 3, -1001234567890L);

    @Test
    void aCodeReadsBackAsTheCampaignLinkAndChatItWasMadeFor() {
        String code = codes.encode(target);

        assertThat(code).hasSize(ClickCodes.LENGTH).matches("[A-Za-z0-9_-]+");
        assertThat(codes.decode(code)).contains(target);
    }

    @Test
    void anAlteredCodeIsRefused() {
        byte[] bytes = Base64.getUrlDecoder().decode(codes.encode(target));
        for (int i = 0; i < bytes.length; i++) {
            byte[] altered = bytes.clone();
            altered[i] ^= 1;
            assertThat(codes.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(altered)))
                    .as("byte %d flipped", i).isEmpty();
        }
    }

    @Test
    void everyOtherCharacterInAnyPlaceIsRefusedTheLastOneWithItsSpareBitsIncluded() {
        String code = codes.encode(target);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < code.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c != code.charAt(i)) {
                    String altered = code.substring(0, i) + c + code.substring(i + 1);
                    assertThat(codes.decode(altered)).as("%s at %d", c, i).isEmpty();
                }
            }
        }
    }

    @Test
    void anotherChatOrLinkCannotBeMadeFromACode() {
        ClickTarget other = new ClickTarget(target.campaignId(), 4, target.chatId());
        assertThat(codes.encode(other)).isNotEqualTo(codes.encode(target));
        assertThat(codes.encode(new ClickTarget(target.campaignId(), 3, 42))).isNotEqualTo(codes.encode(target));
    }

    @Test
    void aCodeSignedWithAnotherKeyOrMalformedIsRefused() {
        ClickCodes foreign = new ClickCodes(PlatformKeys.fromSeed("another-seed-that-is-long-enough-for-hkdf-98765")::clickCodeKey);
        assertThat(codes.decode(foreign.encode(target))).isEmpty();
        assertThat(codes.decode(null)).isEmpty();
        assertThat(codes.decode("")).isEmpty();
        assertThat(codes.decode("not-a-code")).isEmpty();
        assertThat(codes.decode("!".repeat(ClickCodes.LENGTH))).isEmpty();
        assertThat(codes.decode(codes.encode(target) + "A")).isEmpty();
    }

    @Test
    void aCallbackButtonCarriesTheCodeWithinTelegramsSixtyFourBytes() {
        String data = codes.callbackData(target);

        assertThat(data).startsWith(ClickCodes.CALLBACK_PREFIX);
        assertThat(data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
        assertThat(codes.fromCallbackData(data)).contains(target);
        assertThat(codes.fromCallbackData("buy")).isEmpty();
        assertThat(codes.fromCallbackData(null)).isEmpty();
    }

    @Test
    void campaignIdsSurviveTheirSixteenByteForm() {
        for (int i = 0; i < 200; i++) {
            String id = Ulid.next(Instant.now());
            assertThat(Ulid.fromBytes(Ulid.toBytes(id))).isEqualTo(id);
        }
        assertThat(Ulid.fromBytes(Ulid.toBytes("7ZZZZZZZZZZZZZZZZZZZZZZZZZ"))).isEqualTo("7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
        assertThat(Ulid.fromBytes(Ulid.toBytes("00000000000000000000000000"))).isEqualTo("00000000000000000000000000");
    }

    @Test
    void theLedgerTellsAFirstClickFromARepeatAndCountsBoth() {
        InMemoryClickLedger ledger = new InMemoryClickLedger();
        Instant day1 = Instant.parse("2026-11-30T09:00:00Z");
        Instant day2 = Instant.parse("2026-12-01T09:00:00Z");
        assertThat(ledger.record(target, day1)).isTrue();
        assertThat(ledger.record(target, day1)).isFalse();
        assertThat(ledger.record(target, day2)).isFalse();
        assertThat(ledger.record(new ClickTarget(target.campaignId(), 0, target.chatId()), day2)).isTrue();

        ClickLedger.ClickTotals totals = ledger.totals(target.campaignId());
        assertThat(totals.unique()).isEqualTo(2);
        assertThat(totals.total()).isEqualTo(4);
        assertThat(totals.byDay()).containsExactly(
                java.util.Map.entry(java.time.LocalDate.parse("2026-11-30"), new ClickLedger.DayClicks(1, 2)),
                java.util.Map.entry(java.time.LocalDate.parse("2026-12-01"), new ClickLedger.DayClicks(1, 2)));
    }
}
