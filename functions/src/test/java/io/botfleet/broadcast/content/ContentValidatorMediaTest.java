package io.botfleet.broadcast.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentValidatorMediaTest {
    private static final long MB = 1024 * 1024;
    private static final String URL = "https://cdn.example.com/file";

    private static List<Violation> validate(Media media) {
        return ContentValidator.validate(new MessageContent("caption", ParseMode.NONE, List.of(), media, List.of(), false, false), "content");
    }

    @ParameterizedTest(name = "{0} by URL: {1} MB passes, one byte more fails")
    @CsvSource({"PHOTO, 5", "VIDEO, 20", "DOCUMENT, 20", "ANIMATION, 20"})
    void byUrlLimits(MediaKind kind, long megabytes) {
        assertThat(validate(new Media(kind, URL, null, megabytes * MB))).isEmpty();
        assertThat(validate(new Media(kind, URL, null, megabytes * MB + 1)))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("content.media.sizeBytes", "MEDIA_TOO_LARGE"));
    }

    @ParameterizedTest(name = "{0} uploaded: {1} MB passes, one byte more fails")
    @CsvSource({"PHOTO, 10", "VIDEO, 50", "DOCUMENT, 50", "ANIMATION, 50"})
    void uploadLimits(MediaKind kind, long megabytes) {
        assertThat(validate(new Media(kind, null, "AgACAgIAAxkBAAIB", megabytes * MB))).isEmpty();
        assertThat(validate(new Media(kind, null, "AgACAgIAAxkBAAIB", megabytes * MB + 1)))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("content.media.sizeBytes", "MEDIA_TOO_LARGE"));
    }

    @Test
    void tooLargeMessageNamesTheLimit() {
        assertThat(validate(new Media(MediaKind.PHOTO, URL, null, 6 * MB)))
                .extracting(Violation::message)
                .containsExactly("a photo sent by URL is at most 5 MB, this one has 6291456 bytes");
    }

    @Test
    void unknownSizeIsNotChecked() {
        assertThat(validate(new Media(MediaKind.VIDEO, URL, null, null))).isEmpty();
        assertThat(validate(new Media(MediaKind.VIDEO, null, "file-id", null))).isEmpty();
    }

    @Test
    void exactlyOneSource() {
        assertThat(validate(new Media(MediaKind.PHOTO, URL, "file-id", null)))
                .extracting(Violation::field, Violation::code).containsExactly(tuple("content.media", "MEDIA_SOURCE"));
        assertThat(validate(new Media(MediaKind.PHOTO, null, null, null)))
                .extracting(Violation::field, Violation::code).containsExactly(tuple("content.media", "MEDIA_SOURCE"));
        assertThat(validate(new Media(MediaKind.PHOTO, " ", "", null)))
                .extracting(Violation::code).containsExactly("MEDIA_SOURCE");
    }

    @Test
    void urlMustBeWeb() {
        assertThat(validate(new Media(MediaKind.DOCUMENT, "ftp://example.com/a.pdf", null, null)))
                .extracting(Violation::field, Violation::code).containsExactly(tuple("content.media.url", "MEDIA_URL_INVALID"));
        assertThat(validate(new Media(MediaKind.DOCUMENT, "tg://resolve?domain=x", null, null)))
                .extracting(Violation::code).containsExactly("MEDIA_URL_INVALID");
        assertThat(validate(new Media(MediaKind.DOCUMENT, "cdn.example.com/a.pdf", null, null)))
                .extracting(Violation::code).containsExactly("MEDIA_URL_INVALID");
    }

    @Test
    void kindIsRequiredAndSizeNonNegative() {
        assertThat(validate(new Media(null, URL, null, null)))
                .extracting(Violation::field, Violation::code).containsExactly(tuple("content.media.kind", "MEDIA_KIND_REQUIRED"));
        assertThat(validate(new Media(MediaKind.PHOTO, URL, null, -1L)))
                .extracting(Violation::field, Violation::code).containsExactly(tuple("content.media.sizeBytes", "MEDIA_SIZE_INVALID"));
    }
}
