package io.botfleet.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a DynamoDB (JSON protocol) request asks IAM for, per table, as DynamoDB authorizes it. */
final class DynamoDbRequests {
    /** Operations that change items: moto runs their read-check-write without isolation, so the gateway serialises them. */
    static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");

    /** A transaction's item authorizes as the single-item operation it stands for. */
    private static final Map<String, String> TRANSACT_ITEM_ACTIONS = Map.of(
            "Put", "PutItem", "Update", "UpdateItem", "Delete", "DeleteItem", "ConditionCheck", "ConditionCheckItem",
            "Get", "GetItem");

    private DynamoDbRequests() {}

    static List<Access> accesses(String operation, JsonNode body) {
        String action = "dynamodb:" + operation;
        return switch (operation) {
            case "BatchGetItem", "BatchWriteItem" -> {
                List<Access> out = new ArrayList<>();
                body.path("RequestItems").fieldNames().forEachRemaining(t -> out.add(new Access(action, AwsArns.table(t))));
                yield out;
            }
            case "TransactWriteItems", "TransactGetItems" -> {
                Set<Access> out = new LinkedHashSet<>();
                for (JsonNode item : body.path("TransactItems")) {
                    item.fields().forEachRemaining(e -> out.add(new Access(
                            "dynamodb:" + TRANSACT_ITEM_ACTIONS.getOrDefault(e.getKey(), e.getKey()),
                            AwsArns.table(e.getValue().path("TableName").asText()))));
                }
                yield List.copyOf(out);
            }
            case "Query", "Scan" -> List.of(new Access(action, body.hasNonNull("IndexName")
                    ? AwsArns.index(body.path("TableName").asText(), body.path("IndexName").asText())
                    : AwsArns.table(body.path("TableName").asText())));
            default -> List.of(new Access(action, resource(body)));
        };
    }

    private static String resource(JsonNode body) {
        if (body.hasNonNull("TableName")) {
            return AwsArns.table(body.path("TableName").asText());
        }
        if (body.hasNonNull("ResourceArn")) {
            return body.path("ResourceArn").asText();
        }
        return "*";
    }
}
