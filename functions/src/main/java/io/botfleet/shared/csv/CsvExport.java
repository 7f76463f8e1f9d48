package io.botfleet.shared.csv;

import io.botfleet.shared.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one CSV writer of every export, so that an export opened in a spreadsheet behaves the same whichever page it
 * came from. Records follow RFC 4180 (CRLF after every record; a field with a comma, quote, CR or LF is quoted, its
 * quotes doubled) in UTF-8. Cells hold what users and Telegram wrote (names, error texts, user agents), so each is
 * defused before it is written: one that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or
 * CR, as OWASP's CSV-injection guidance lists) gets a leading {@code '}, and a lone UTF-16 surrogate, which UTF-8
 * cannot encode, becomes U+FFFD.
 */
public final class CsvExport {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;
    private static final String FORMULA_STARTS = "=+-@\t\r";
    /** A whole number is read as that number, never as a formula; group and channel chat ids are negative. */
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,30}");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CSVPrinter printer;
    private int rows;

    /** Starts an export with its header record. */
    public CsvExport(String... header) {
        try {
            printer = new CSVPrinter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        record(header);
    }

    /** Appends a record; a null cell is empty, any other is written as its {@code toString()}, defused. */
    public CsvExport row(Object... cells) {
        record(cells);
        rows++;
        return this;
    }

    /** Records written after the header. */
    public int rows() {
        return rows;
    }

    /** Bytes written so far, header included: exports bounded by a response size stop on this. */
    public int size() {
        flush();
        return bytes.size();
    }

    public byte[] toByteArray() {
        flush();
        return bytes.toByteArray();
    }

    /** The export as a download named {@code filename}. */
    public HttpResponse response(String filename) {
        return new HttpResponse(200, Map.of("content-type", "text/csv; charset=utf-8",
                "content-disposition", "attachment; filename=\"" + filename + "\""), toByteArray());
    }

    /** What a cell holds once written, before CSV quoting: never a formula, always encodable as UTF-8. */
    static String defuse(Object value) {
        if (value == null) {
            return "";
        }
        String text = wellFormed(value.toString());
        boolean formula = !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 && !INTEGER.matcher(text).matches();
        return formula ? "'" + text : text;
    }

    private static String wellFormed(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    private void record(Object[] cells) {
        try {
            printer.printRecord(Arrays.stream(cells).map(CsvExport::defuse));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    private void flush() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
