package io.botfleet.api;

import io.botfleet.auth.Principal;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.Problem;
import java.util.Optional;

/**
 * Who is calling: a signed-in principal, or nobody on public routes; plus where from, for audit and limits; plus the
 * audit note a handler may fill in (the target it acted on, or the actor on routes that sign someone in).
 */
public record Caller(Optional<Principal> principal, String ip, String userAgent, String requestId, AuditNote audit) {

    public Caller(Optional<Principal> principal, String ip, String userAgent, String requestId) {
        this(principal, ip, userAgent, requestId, new AuditNote());
    }

    public static Caller anonymous(String ip, String userAgent, String requestId) {
        return new Caller(Optional.empty(), ip, userAgent, requestId);
    }

    public Principal requirePrincipal() {
        return principal.orElseThrow(() -> ApiException.unauthorized("Sign in first"));
    }

    /**
     * Refuses a caller restricted to other bots. The pipeline already applies this to a {@code {botId}} path parameter
     * and a {@code botId} query parameter; handlers call it for bot ids that arrive in a body.
     */
    public void requireBotAccess(String botId) {
        principal.ifPresent(p -> {
            if (!p.canAccessBot(botId)) {
                throw outOfScope();
            }
        });
    }

    static ApiException outOfScope() {
        return new ApiException(Problem.of(403, "BOT_OUT_OF_SCOPE", "Forbidden",
                "Your access is restricted to other bots"));
    }

    /** What a handler adds to the audit entry of its request. Mutable, one per request. */
    public static final class AuditNote {
        private String targetType;
        private String targetId;
        private String botId;
        private String actorType;
        private String actorId;
        private String actorRole;

        public AuditNote target(String type, String id) {
            this.targetType = type;
            this.targetId = id;
            return this;
        }

        public AuditNote bot(String id) {
            this.botId = id;
            return this;
        }

        /** For routes where nobody is signed in yet but the request acts as someone (login, setup, invite). */
        public AuditNote actor(String type, String id, String role) {
            this.actorType = type;
            this.actorId = id;
            this.actorRole = role;
            return this;
        }

        public Optional<String> targetType() {
            return Optional.ofNullable(targetType);
        }

        public Optional<String> targetId() {
            return Optional.ofNullable(targetId);
        }

        public Optional<String> botId() {
            return Optional.ofNullable(botId);
        }

        public Optional<String> actorType() {
            return Optional.ofNullable(actorType);
        }

        public Optional<String> actorId() {
            return Optional.ofNullable(actorId);
        }

        public Optional<String> actorRole() {
            return Optional.ofNullable(actorRole);
        }
    }
}
