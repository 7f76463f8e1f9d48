package io.botfleet.local.gateway;

/** IAM's verdict on one action on one resource, worded for the AccessDenied message as AWS words it. */
public enum Decision {
    ALLOWED(null),
    EXPLICITLY_DENIED("with an explicit deny in an identity-based policy"),
    NOT_ALLOWED("because no identity-based policy allows the %s action");

    private final String reason;

    Decision(String reason) {
        this.reason = reason;
    }

    public boolean allowed() {
        return this == ALLOWED;
    }

    String reason(String action) {
        return reason.formatted(action);
    }
}
