package io.botfleet.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** What a Secrets Manager request asks IAM for: the secret's full ARN, whether the caller named it or gave its ARN. */
final class SecretsManagerRequests {
    private SecretsManagerRequests() {}

    /** @param arnsByName the full ARN of each secret the local stack created, by name */
    static List<Access> accesses(String operation, JsonNode body, Map<String, String> arnsByName) {
        String id = body.hasNonNull("SecretId") ? body.path("SecretId").asText() : body.path("Name").asText(null);
        String resource = id == null ? "*" : id.startsWith("arn:") ? id : arnsByName.getOrDefault(id, AwsArns.secret(id));
        return List.of(new Access("secretsmanager:" + operation, resource));
    }
}
