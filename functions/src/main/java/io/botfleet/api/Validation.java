package io.botfleet.api;

import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Collects per-field errors of one request and throws them together as a 422 problem. Field names are JSON paths
 * ({@code botIds[2]}, {@code buttons[0].url}). Text checks count code points and refuse what cannot be stored or shown
 * safely: unpaired surrogates, control characters and bidirectional overrides.
 *
 * <pre>{@code
 * var v = new Validation();
 * v.required("email", body.email());
 * v.email("email", body.email());
 * v.text("displayName", body.displayName(), 1, 100);
 * v.throwIfInvalid();
 * }</pre>
 */
public final class Validation {
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final List<Problem.FieldError> errors = new ArrayList<>();

    /** Something a request body can check about itself; {@link RequestBody#parse} calls it. */
    public interface Validatable {
        void validate(Validation v);
    }

    public Validation error(String field, String code, String message) {
        errors.add(new Problem.FieldError(field, code, message));
        return this;
    }

    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public List<Problem.FieldError> errors() {
        return List.copyOf(errors);
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    /** @return true if present */
    public boolean required(String field, Object value) {
        if (value == null) {
            error(field, "REQUIRED", "is required");
            return false;
        }
        return true;
    }

    /** Present and {@link #text(String, String, int, int) text} within the bounds. */
    public Validation requiredText(String field, String value, int min, int max) {
        return required(field, value) ? text(field, value, min, max) : this;
    }

    public Validation requiredEmail(String field, String value) {
        return required(field, value) ? email(field, value) : this;
    }

    public Validation requiredPassword(String field, String value) {
        return required(field, value) ? password(field, value) : this;
    }

    public Validation check(boolean condition, String field, String code, String message) {
        if (!condition) {
            error(field, code, message);
        }
        return this;
    }

    /** Single-line text of {@code min..max} code points; null passes (combine with {@link #required}). */
    public Validation text(String field, String value, int min, int max) {
        return text(field, value, min, max, false);
    }

    public Validation text(String field, String value, int min, int max, boolean multiline) {
        if (value == null || has(field)) {
            return this;
        }
        String problem = unsafeCharacter(value, multiline);
        if (problem != null) {
            return error(field, "INVALID_CHARACTERS", problem);
        }
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            return error(field, min == 1 ? "REQUIRED" : "TOO_SHORT", min == 1 ? "must not be empty" : "must have at least " + min + " characters");
        }
        if (min > 0 && blank(value)) {
            return error(field, "REQUIRED", "must not be blank");
        }
        if (length > max) {
            return error(field, "TOO_LONG", "must have at most " + max + " characters");
        }
        return this;
    }

    /** A list of at most {@code maxCount} single-line texts of 1..{@code maxLength} code points each. */
    public Validation texts(String field, List<String> values, int maxCount, int maxLength) {
        if (values == null) {
            return this;
        }
        if (values.size() > maxCount) {
            return error(field, "TOO_MANY", "must have at most " + maxCount + " entries");
        }
        for (int i = 0; i < values.size(); i++) {
            if (required(field + "[" + i + "]", values.get(i))) {
                text(field + "[" + i + "]", values.get(i), 1, maxLength);
            }
        }
        return this;
    }

    /** Nothing a reader would see: only spaces (including no-break ones) and invisible format characters. */
    private static boolean blank(String value) {
        return value.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT);
    }

    /** Passwords: 12..256 characters; any character but controls and unpaired surrogates. */
    public Validation password(String field, String value) {
        if (value == null) {
            return this;
        }
        if (unsafeCharacter(value, false) != null) {
            return error(field, "INVALID_CHARACTERS", "contains characters that are not allowed");
        }
        int length = value.codePointCount(0, value.length());
        if (length < 12) {
            return error(field, "TOO_SHORT", "must have at least 12 characters");
        }
        if (length > 256) {
            return error(field, "TOO_LONG", "must have at most 256 characters");
        }
        return this;
    }

    public Validation email(String field, String value) {
        if (value == null || has(field)) {
            return this;
        }
        if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
            return error(field, "INVALID_EMAIL", "must be an e-mail address");
        }
        return this;
    }

    /** An identifier made of letters, digits, '_' and '-' (1..64). */
    public Validation id(String field, String value) {
        if (value != null && !has(field) && !ID.matcher(value).matches()) {
            error(field, "INVALID_ID", "must be 1-64 letters, digits, '_' or '-'");
        }
        return this;
    }

    public Validation ids(String field, Collection<String> values, int max) {
        if (values == null) {
            return this;
        }
        if (values.size() > max) {
            return error(field, "TOO_MANY", "must have at most " + max + " entries");
        }
        int i = 0;
        for (String v : values) {
            if (v == null) {
                error(field + "[" + i + "]", "REQUIRED", "must not be null");
            } else {
                id(field + "[" + i + "]", v);
            }
            i++;
        }
        return this;
    }

    public Validation range(String field, Number value, long min, long max) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            error(field, "OUT_OF_RANGE", "must be between " + min + " and " + max);
        }
        return this;
    }

    /** Parses an enum by name, case-insensitive; records an error and returns null otherwise. */
    public <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.isEmpty() ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            error(field, "NOT_ALLOWED", "must be one of: " + allowed);
            return null;
        }
    }

    /**
     * Why {@code value} is not text any field of the API accepts, or null: an unpaired surrogate (no UTF-8 encoding
     * exists, so DynamoDB and Telegram refuse it) or a C0 control character other than tab and line breaks.
     * {@link RequestBody} applies this to every string of every body; {@link #unsafeCharacter} is stricter.
     */
    public static String brokenCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate";
            } else if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                return "contains control characters";
            }
        }
        return null;
    }

    /** Why {@code value} is unsafe to store or display, or null. */
    public static String unsafeCharacter(String value, boolean multiline) {
        String broken = brokenCharacter(value);
        if (broken != null) {
            return broken;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (multiline && (c == '\n' || c == '\t' || c == '\r')) {
                continue;
            }
            if (Character.isISOControl(c)) {
                return "contains control characters";
            }
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF'
                    || c == '\uFFFE' || c == '\uFFFF') {
                return "contains invisible formatting characters";
            }
        }
        return null;
    }
}
