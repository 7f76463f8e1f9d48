package io.botfleet.audit;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;

import io.botfleet.shared.ids.Ulid;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link AuditStore} on the AuditTable: {@code pk = AUDIT#<yyyy-MM>}, {@code sk = <ULID>}, {@code gsi1pk = ACTOR#<id>},
 * {@code gsi1sk = <ULID>}. Listing walks months newest first (or the actor index), with the other filters as a
 * {@code FilterExpression}; the cursor is the id of the last entry returned, so it needs no signature: it only says
 * "older than this", within what the caller may read anyway. A bot-scoped reader's bots are one more filter
 * ({@code botId IN (...)}; a scope holds at most 100 bots, DynamoDB's limit for IN).
 */
public final class DynamoAuditStore implements AuditStore {
    public static final Duration RETENTION = Duration.ofDays(400);
    /** Bounds the work of one page when filters match little. */
    static final int MAX_QUERIES_PER_PAGE = 12;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAuditStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String month(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC)).toString();
    }

    @Override
    public void append(AuditEntry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("AUDIT#" + month(e.at())));
        item.put("sk", s(e.id()));
        item.put("gsi1pk", s("ACTOR#" + e.actorId()));
        item.put("gsi1sk", s(e.id()));
        item.put("at", s(e.at().toString()));
        item.put("actorType", s(e.actorType()));
        item.put("actorId", s(e.actorId()));
        put(item, "actorRole", e.actorRole());
        item.put("action", s(e.action()));
        item.put("path", s(e.path()));
        put(item, "targetType", e.targetType());
        put(item, "targetId", e.targetId());
        put(item, "botId", e.botId());
        item.put("status", n(e.status()));
        item.put("outcome", s(e.outcome()));
        item.put("requestId", s(e.requestId()));
        item.put("ip", s(e.ip()));
        put(item, "userAgent", e.userAgent());
        item.put("expiresAt", n(e.at().plus(RETENTION).getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Page page(Query q) {
        String low = Ulid.lowest(q.from());
        String high = q.before().map(Ulid::predecessor).filter(b -> b.compareTo(Ulid.highest(q.to())) < 0)
                .orElse(Ulid.highest(q.to()));
        List<AuditEntry> out = new ArrayList<>();
        if (high.compareTo(low) < 0) {
            return new Page(out, Optional.empty());
        }
        StringBuilder filter = new StringBuilder();
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        addFilter(filter, values, names, "action", q.action());
        addFilter(filter, values, names, "outcome", q.outcome());
        addFilter(filter, values, names, "botId", q.botId());
        addFilter(filter, values, names, "targetId", q.targetId());
        if (!q.readableBots().isEmpty()) {
            List<String> operands = new ArrayList<>();
            for (String bot : q.readableBots()) {
                String name = ":readable" + operands.size();
                operands.add(name);
                values.put(name, s(bot));
            }
            filter.append(filter.isEmpty() ? "" : " AND ").append("#botId IN (").append(String.join(", ", operands)).append(')');
            names.put("#botId", "botId");
        }

        int queries = 0;
        boolean exhausted = false;
        String cursorHigh = high;
        YearMonth month = YearMonth.from(Ulid.time(high).atOffset(ZoneOffset.UTC));
        YearMonth firstMonth = YearMonth.from(q.from().atOffset(ZoneOffset.UTC));
        while (out.size() < q.limit() && queries < MAX_QUERIES_PER_PAGE) {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).scanIndexForward(false)
                    .limit(Math.max(q.limit() * 2, 25));
            Map<String, AttributeValue> v = new HashMap<>(values);
            v.put(":lo", s(low));
            v.put(":hi", s(cursorHigh));
            if (q.actorId().isPresent()) {
                request.indexName("gsi1").keyConditionExpression("gsi1pk = :pk AND gsi1sk BETWEEN :lo AND :hi");
                v.put(":pk", s("ACTOR#" + q.actorId().get()));
            } else {
                request.keyConditionExpression("pk = :pk AND sk BETWEEN :lo AND :hi");
                v.put(":pk", s("AUDIT#" + month));
            }
            request.expressionAttributeValues(v);
            if (!filter.isEmpty()) {
                request.filterExpression(filter.toString()).expressionAttributeNames(names);
            }
            QueryResponse response = dynamo.query(request.build());
            queries++;
            boolean pageCut = false;
            for (var item : response.items()) {
                if (out.size() == q.limit()) {
                    pageCut = true;
                    break;
                }
                out.add(entry(item));
            }
            if (pageCut) {
                break;
            }
            boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
            if (more) {
                String lastKey = response.lastEvaluatedKey().get(q.actorId().isPresent() ? "gsi1sk" : "sk").s();
                cursorHigh = Ulid.predecessor(lastKey);
                continue;
            }
            if (q.actorId().isPresent() || !month.isAfter(firstMonth)) {
                exhausted = true;
                break;
            }
            // continue in the previous month, just below its first instant
            month = month.minusMonths(1);
            cursorHigh = Ulid.predecessor(Ulid.lowest(month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        Optional<String> next;
        if (exhausted) {
            next = Optional.empty();
        } else if (out.size() == q.limit()) {
            next = Optional.of(out.get(out.size() - 1).id());
        } else {
            // the query budget ran out on sparse matches: resume from where the scan got to
            next = Optional.of(Ulid.successor(cursorHigh));
        }
        return new Page(out, next);
    }

    private static void addFilter(StringBuilder filter, Map<String, AttributeValue> values, Map<String, String> names,
                                  String attribute, Optional<String> value) {
        if (value.isEmpty()) {
            return;
        }
        if (!filter.isEmpty()) {
            filter.append(" AND ");
        }
        filter.append("#").append(attribute).append(" = :").append(attribute);
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, s(value.get()));
    }

    /** An entry as stored; also how a restored export's rows are checked. */
    public static AuditEntry entry(Map<String, AttributeValue> i) {
        return new AuditEntry(i.get("sk").s(), Instant.parse(i.get("at").s()), text(i, "actorType"), text(i, "actorId"),
                text(i, "actorRole"), text(i, "action"), text(i, "path"), text(i, "targetType"), text(i, "targetId"),
                text(i, "botId"), Integer.parseInt(i.get("status").n()), text(i, "outcome"), text(i, "requestId"),
                text(i, "ip"), text(i, "userAgent"));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }
}
