package io.botfleet.rawdata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the raw data viewer never shows: any attribute, at any depth, whose name says it holds a secret or what a
 * secret can be checked or recovered with (token ciphertexts, password and key hashes). Named by pattern rather than
 * listed, so an attribute added later with such a name is hidden too.
 */
public final class Redaction {
    public static final String REDACTED = "[redacted]";
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(hash|cipher|secret|password|seed|credential|privatekey).*|(?i)(token|.+Token)");

    private Redaction() {}

    public static boolean hides(String attribute) {
        return SECRET.matcher(attribute).matches();
    }

    public static Map<String, Object> redact(Map<String, Object> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, hides(name) ? REDACTED : redactValue(value)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object redactValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return redact((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Redaction::redactValue).toList();
        }
        return value;
    }
}
