package io.botfleet.shared.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.botfleet.shared.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvExportTest {
    private static String text(CsvExport csv) {
        return new String(csv.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void recordsEndWithCrlfAndQuoteOnlyWhatNeedsIt() {
        CsvExport csv = new CsvExport("a", "b", "c").row("plain", 42, null).row("x,y", "say \"hi\"", "");

        assertThat(text(csv)).isEqualTo("a,b,c\r\nplain,42,\r\n\"x,y\",\"say \"\"hi\"\"\",\r\n");
        assertThat(csv.rows()).isEqualTo(2);
    }

    @Test
    void lineBreaksFromTelegramTextStayInsideTheirCell() {
        String csv = text(new CsvExport("error").row("line one\nline two").row("cr\rhere").row("crlf\r\nhere"));

        assertThat(csv).isEqualTo("error\r\n\"line one\nline two\"\r\n\"cr\rhere\"\r\n\"crlf\r\nhere\"\r\n");
    }

    @Test
    void cellsThatWouldRunAsFormulasAreDefused() {
        String csv = text(new CsvExport("v").row("=1+1").row("+1").row("-2+3+cmd|' /C calc'!A0").row("@SUM(A1)")
                .row("\t=1").row("\r=1").row("=HYPERLINK(\"http://x\")"));

        assertThat(csv.split("\r\n", -1)).containsExactly("v", "'=1+1", "'+1", "'-2+3+cmd|' /C calc'!A0", "'@SUM(A1)",
                "'\t=1", "\"'\r=1\"", "\"'=HYPERLINK(\"\"http://x\"\")\"", "");
    }

    @Test
    void wholeNumbersStayNumbersButNotWhatMerelyStartsLikeOne() {
        String csv = text(new CsvExport("chat_id").row(-1001234567890L).row("-42").row("-1+1").row("-").row("1=1"));

        assertThat(csv).isEqualTo("chat_id\r\n-1001234567890\r\n-42\r\n'-1+1\r\n'-\r\n1=1\r\n");
    }

    @Test
    void loneSurrogatesBecomeReplacementCharactersAndPairsSurvive() {
        String grin = "\uD83D\uDE00";
        byte[] bytes = new CsvExport("name").row("a\uD83Db").row("\uDE00=x").row(grin + "\uD83D").toByteArray();

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("name\r\na\uFFFDb\r\n\uFFFD=x\r\n" + grin + "\uFFFD\r\n");
        // a strict decoder throws on malformed input: every byte written is well-formed UTF-8
        assertThatCode(() -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes))).doesNotThrowAnyException();
    }

    @Test
    void sizeCountsUtf8BytesWrittenSoFar() {
        CsvExport csv = new CsvExport("n");
        assertThat(csv.size()).isEqualTo(3);
        csv.row("é");
        assertThat(csv.size()).isEqualTo(3 + 4);
    }

    @Test
    void responseIsADownloadOfTheBytes() {
        HttpResponse response = new CsvExport("a").row("1").response("x-1.csv");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("content-type", "text/csv; charset=utf-8")
                .containsEntry("content-disposition", "attachment; filename=\"x-1.csv\"");
        assertThat(response.bodyText()).isEqualTo("a\r\n1\r\n");
    }
}
