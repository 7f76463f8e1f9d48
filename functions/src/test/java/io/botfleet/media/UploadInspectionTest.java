package io.botfleet.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.broadcast.content.MediaKind;
import org.junit.jupiter.api.Test;

/** The photo rules on generated images: what is kept, what is re-encoded for Telegram, what is refused. */
class UploadInspectionTest {

    @Test
    void aPhotoTelegramTakesAsItIsIsKeptWithAThumbnail() {
        byte[] jpeg = TestImages.jpeg(1600, 1200);
        UploadInspection.Accepted a = accepted(UploadInspection.inspect("image/jpeg", jpeg));
        assertThat(a.kind()).isEqualTo(MediaKind.PHOTO);
        assertThat(a.width()).isEqualTo(1600);
        assertThat(a.height()).isEqualTo(1200);
        assertThat(a.sendCopy()).isEmpty();
        assertThat(a.sha256()).hasSize(64);
        assertThat(PhotoCodec.size(a.thumbnail().orElseThrow())).contains(new PhotoCodec.Size(320, 240));
    }

    @Test
    void aPhotoTelegramWouldShrinkIsSentAsACopyAtItsSize() {
        UploadInspection.Accepted a = accepted(UploadInspection.inspect("image/png", TestImages.png(4000, 3000)));
        assertThat(a.compression()).contains("2,560");
        byte[] copy = a.sendCopy().orElseThrow();
        assertThat(FormatSniffer.detect(copy)).contains(MediaFormat.JPEG);
        assertThat(PhotoCodec.size(copy)).contains(new PhotoCodec.Size(2560, 1920));
        // the original's facts stay the original's
        assertThat(a.width()).isEqualTo(4000);
    }

    @Test
    void aPhotoAboveTenMegabytesIsReencodedBelowIt() {
        byte[] noise = TestImages.encode(TestImages.noise(2000, 1800, 7), "png");
        assertThat(noise.length).isGreaterThan((int) PhotoRules.MAX_BYTES);
        UploadInspection.Accepted a = accepted(UploadInspection.inspect("image/png", noise));
        assertThat(a.compression()).contains("10 MB");
        byte[] copy = a.sendCopy().orElseThrow();
        assertThat(copy.length).isLessThanOrEqualTo((int) PhotoRules.MAX_BYTES);
        assertThat(PhotoCodec.size(copy)).contains(new PhotoCodec.Size(2000, 1800));
    }

    @Test
    void aCopyTelegramDoesNotNeedIsNotSentWhenTheOriginalIsSmaller() {
        // a JPEG saved at low quality: the high-quality copy at 2,560 px would be the larger upload
        byte[] small = PhotoCodec.encode(TestImages.picture(3000, 2000, 3), 0.3f);
        UploadInspection.Accepted a = accepted(UploadInspection.inspect("image/jpeg", small));
        assertThat(a.sendCopy()).isEmpty();
        assertThat(a.compression()).isNull();
    }

    @Test
    void webpIsReadAndSentAsJpeg() {
        UploadInspection.Accepted a = accepted(UploadInspection.inspect("image/webp", TestImages.WEBP_1X1));
        assertThat(a.format()).isEqualTo(MediaFormat.WEBP);
        assertThat(a.width()).isEqualTo(1);
        assertThat(FormatSniffer.detect(a.sendCopy().orElseThrow())).contains(MediaFormat.JPEG);
    }

    @Test
    void aTypeTheBytesDoNotBearOutIsRefusedWithWhatTheyAre() {
        UploadInspection.Verdict v = UploadInspection.inspect("image/png", TestImages.jpeg(100, 100));
        assertThat(v).isEqualTo(new UploadInspection.Rejected("declared image/png but the bytes are jpeg"));
        assertThat(UploadInspection.inspect("application/pdf", "hello".getBytes()))
                .isEqualTo(new UploadInspection.Rejected("declared application/pdf but the bytes are text"));
    }

    @Test
    void aPhotoNoResizeCanMakeSendableIsRefused() {
        UploadInspection.Verdict v = UploadInspection.inspect("image/png", TestImages.png(2100, 100));
        assertThat(v).isInstanceOf(UploadInspection.Rejected.class);
        assertThat(((UploadInspection.Rejected) v).reason()).contains("aspect ratio 2100:100");
    }

    @Test
    void theRulesFollowTelegramsPhotoLimits() {
        assertThat(PhotoRules.judge(MediaFormat.JPEG, 2560, 1440, 3_000_000)).isInstanceOf(PhotoRules.Verdict.Keep.class);
        assertThat(PhotoRules.judge(MediaFormat.JPEG, 2561, 1440, 3_000_000))
                .isEqualTo(new PhotoRules.Verdict.Compress(2560, 1439, "longest side above the 2,560 px Telegram keeps", false));
        assertThat(PhotoRules.judge(MediaFormat.JPEG, 6000, 4500, 3_000_000))
                .isEqualTo(new PhotoRules.Verdict.Compress(2560, 1920, "width + height above Telegram's 10,000", true));
        assertThat(PhotoRules.judge(MediaFormat.JPEG, 2000, 100, 1000)).isInstanceOf(PhotoRules.Verdict.Keep.class);
        assertThat(PhotoRules.judge(MediaFormat.JPEG, 2001, 100, 1000)).isInstanceOf(PhotoRules.Verdict.Refuse.class);
        assertThat(PhotoRules.judge(MediaFormat.PNG, 800, 600, PhotoRules.MAX_BYTES + 1))
                .isEqualTo(new PhotoRules.Verdict.Compress(800, 600, "above Telegram's 10 MB for photos", true));
    }

    @Test
    void otherFilesAboveTheirLimitAreRefused() {
        byte[] video = Mp4s.concat(Mp4s.video(640, 360, 1000, 2000), new byte[50 * 1024 * 1024]);
        assertThat(UploadInspection.inspect("video/mp4", video)).isInstanceOf(UploadInspection.Rejected.class);
        UploadInspection.Accepted ok = accepted(UploadInspection.inspect("video/mp4", Mp4s.video(640, 360, 1000, 2500)));
        assertThat(ok.durationSeconds()).isEqualTo(2.5);
        assertThat(ok.kind()).isEqualTo(MediaKind.VIDEO);
    }

    private static UploadInspection.Accepted accepted(UploadInspection.Verdict v) {
        assertThat(v).isInstanceOf(UploadInspection.Accepted.class);
        return (UploadInspection.Accepted) v;
    }
}
