package io.botfleet.shared.errors;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The domain refusing what it was asked: which kind of refusal, a stable code, and a detail a caller may read (so it
 * never contains a secret). Domain services throw it; the HTTP edge turns each kind into a status and a problem
 * response, so no domain code knows about HTTP.
 */
public final class Refusal extends RuntimeException {
    /** What kind of refusal; each has one HTTP status at the edge. */
    public enum Kind {
        /** The input breaks a rule (422). */
        INVALID,
        /** There is no such thing, or the caller may not know it exists (404). */
        NOT_FOUND,
        /** The current state does not allow it (409). */
        CONFLICT,
        /** The caller's copy is outdated (412). */
        STALE_VERSION,
        /** It existed but can no longer be used (410). */
        GONE,
        /** The caller is not signed in, or their credentials are not valid (401). */
        UNAUTHENTICATED,
        /** The caller may not do this (403). */
        FORBIDDEN,
        /** Too many attempts; try again later (429). */
        RATE_LIMITED,
        /** A service the platform depends on failed; nothing was changed (502). */
        UPSTREAM_FAILED
    }

    /** One invalid field of the input. */
    public record FieldError(String field, String code, String message) {}

    private final Kind kind;
    private final String code;
    private final String detail;
    private final List<FieldError> fieldErrors;
    private final transient Optional<Duration> retryAfter;

    private Refusal(Kind kind, String code, String detail, List<FieldError> fieldErrors, Optional<Duration> retryAfter) {
        super(code + ": " + detail, null, false, false);
        this.kind = Objects.requireNonNull(kind);
        this.code = Objects.requireNonNull(code);
        this.detail = Objects.requireNonNull(detail);
        this.fieldErrors = List.copyOf(fieldErrors);
        this.retryAfter = retryAfter;
    }

    public static Refusal of(Kind kind, String code, String detail) {
        return new Refusal(kind, code, detail, List.of(), Optional.empty());
    }

    public static Refusal invalid(String code, String detail) {
        return of(Kind.INVALID, code, detail);
    }

    /** Invalid input, field by field. */
    public static Refusal invalidFields(List<FieldError> errors) {
        return new Refusal(Kind.INVALID, "VALIDATION_FAILED", "The request has " + errors.size() + " invalid field(s)",
                errors, Optional.empty());
    }

    public static Refusal invalidField(String field, String code, String message) {
        return invalidFields(List.of(new FieldError(field, code, message)));
    }

    public static Refusal notFound(String code, String detail) {
        return of(Kind.NOT_FOUND, code, detail);
    }

    public static Refusal conflict(String code, String detail) {
        return of(Kind.CONFLICT, code, detail);
    }

    public static Refusal staleVersion(String code, String detail) {
        return of(Kind.STALE_VERSION, code, detail);
    }

    public static Refusal gone(String code, String detail) {
        return of(Kind.GONE, code, detail);
    }

    public static Refusal unauthenticated(String code, String detail) {
        return of(Kind.UNAUTHENTICATED, code, detail);
    }

    public static Refusal forbidden(String code, String detail) {
        return of(Kind.FORBIDDEN, code, detail);
    }

    public static Refusal rateLimited(String code, String detail, Duration retryAfter) {
        return new Refusal(Kind.RATE_LIMITED, code, detail, List.of(), Optional.of(retryAfter));
    }

    public static Refusal upstreamFailed(String code, String detail) {
        return of(Kind.UPSTREAM_FAILED, code, detail);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
