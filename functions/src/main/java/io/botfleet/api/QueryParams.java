package io.botfleet.api;

import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpRequest;
import io.botfleet.shared.http.Problem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Typed, checked query parameters; a bad value is a 422 naming the parameter. */
public final class QueryParams {
    private QueryParams() {}

    public static int integer(HttpRequest request, String name, int fallback, int min, int max) {
        Optional<String> raw = request.queryParameter(name);
        if (raw.isEmpty() || raw.get().isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw invalid(name, "OUT_OF_RANGE", "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(name, "WRONG_TYPE", "must be an integer");
        }
    }

    public static Optional<Instant> instant(HttpRequest request, String name) {
        Optional<String> raw = request.queryParameter(name).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(raw.get()));
        } catch (DateTimeParseException e) {
            throw invalid(name, "WRONG_TYPE", "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    /**
     * An instant, or a UTC day ({@code 2026-11-30}) meaning its midnight: ranges of whole days read naturally,
     * {@code from=2026-11-01&to=2026-12-01}.
     */
    public static Optional<Instant> instantOrDay(HttpRequest request, String name) {
        Optional<String> raw = request.queryParameter(name).filter(s -> !s.isEmpty());
        try {
            return raw.map(r -> r.length() == 10 ? LocalDate.parse(r).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(r));
        } catch (DateTimeParseException e) {
            throw invalid(name, "WRONG_TYPE", "must be a day such as 2026-01-31 or an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    /** A short single-line text parameter (at most {@code max} characters). */
    public static Optional<String> text(HttpRequest request, String name, int max) {
        Optional<String> raw = request.queryParameter(name).filter(s -> !s.isEmpty());
        if (raw.isPresent()) {
            if (Validation.unsafeCharacter(raw.get(), false) != null) {
                throw invalid(name, "INVALID_CHARACTERS", "contains characters that are not allowed");
            }
            if (raw.get().length() > max) {
                throw invalid(name, "TOO_LONG", "must have at most " + max + " characters");
            }
        }
        return raw;
    }

    private static ApiException invalid(String name, String code, String message) {
        return ApiException.validation(List.of(new Problem.FieldError(name, code, message)));
    }
}
