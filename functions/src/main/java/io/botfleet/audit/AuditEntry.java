package io.botfleet.audit;

import java.time.Instant;

/**
 * One audited request: who (user, API key or anonymous), with which role, did what ({@code METHOD /template}), to what,
 * with which outcome, from where. Never holds bodies, tokens or secrets.
 */
public record AuditEntry(String id, Instant at, String actorType, String actorId, String actorRole, String action,
                         String path, String targetType, String targetId, String botId, int status, String outcome,
                         String requestId, String ip, String userAgent) {

    public static String outcomeOf(int status) {
        if (status < 400) {
            return "success";
        }
        return status == 401 || status == 403 || status == 429 ? "denied" : "failed";
    }
}
