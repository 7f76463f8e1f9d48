package io.botfleet.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class FormatSnifferTest {

    @Test
    void imagesAreKnownByTheirSignatures() {
        assertThat(FormatSniffer.detect(TestImages.jpeg(40, 30))).contains(MediaFormat.JPEG);
        assertThat(FormatSniffer.detect(TestImages.png(40, 30))).contains(MediaFormat.PNG);
        assertThat(FormatSniffer.detect(TestImages.encode(TestImages.picture(40, 30, 1), "gif"))).contains(MediaFormat.GIF);
        assertThat(FormatSniffer.detect(TestImages.WEBP_1X1)).contains(MediaFormat.WEBP);
    }

    @Test
    void videoAndDocumentsAreKnownByTheirSignatures() throws Exception {
        assertThat(FormatSniffer.detect(Mp4s.video(640, 360, 1000, 2000))).contains(MediaFormat.MP4);
        assertThat(FormatSniffer.detect("%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1))).contains(MediaFormat.PDF);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("word/document.xml"));
            out.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(FormatSniffer.detect(zip.toByteArray())).contains(MediaFormat.ZIP);
        assertThat(FormatSniffer.detect("name,score\nÅsa,3\n".getBytes(StandardCharsets.UTF_8))).contains(MediaFormat.TEXT);
    }

    @Test
    void binaryWithoutAKnownSignatureIsNothing() {
        assertThat(FormatSniffer.detect(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})).isEmpty();
        assertThat(FormatSniffer.detect(new byte[0])).isEmpty();
        // a QuickTime movie is not the MP4 Telegram plays inline
        assertThat(FormatSniffer.detect(new byte[] {0, 0, 0, 20, 'f', 't', 'y', 'p', 'q', 't', ' ', ' ', 0, 0, 0, 0})).isEmpty();
    }

    @Test
    void aDeclaredTypeNamesTheFormatItMustBe() {
        assertThat(MediaFormat.declaredAs("image/JPEG; charset=binary")).contains(MediaFormat.JPEG);
        assertThat(MediaFormat.declaredAs("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).contains(MediaFormat.ZIP);
        assertThat(MediaFormat.declaredAs("application/x-msdownload")).isEmpty();
    }

    @Test
    void videoFactsComeFromTheMovieHeader() {
        VideoFacts.Facts facts = VideoFacts.of(Mp4s.video(640, 360, 1000, 2000));
        assertThat(facts.durationSeconds()).contains(2.0);
        assertThat(facts.size()).contains(new PhotoCodec.Size(640, 360));
    }
}
