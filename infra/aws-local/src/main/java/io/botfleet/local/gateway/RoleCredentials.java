package io.botfleet.local.gateway;

/** Temporary credentials of a function's role, as Lambda hands them to a function. Never printed. */
public record RoleCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    @Override
    public String toString() {
        return "RoleCredentials[" + accessKeyId + ", secret and token redacted]";
    }
}
