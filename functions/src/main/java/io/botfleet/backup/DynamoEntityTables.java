package io.botfleet.backup;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The entities in DynamoDB: an export pages through each table with a strongly consistent {@code Scan} (an offline
 * job, not a request path: docs/data-model.md), an import writes with {@code BatchWriteItem} (25 items a call,
 * unprocessed ones sent again). Writing an item that is already there puts the same item again, so an import that
 * repeats an entity changes nothing.
 */
public final class DynamoEntityTables implements EntityTables {
    static final int BATCH = 25;
    private static final int MAX_TRIES = 8;

    private final DynamoDbClient dynamoDb;
    private final DynamoBackupRows.Tables tables;

    public DynamoEntityTables(DynamoDbClient dynamoDb, DynamoBackupRows.Tables tables) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
    }

    @Override
    public long dump(BackupEntity entity, Path file) {
        long count = 0;
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                ScanResponse page = dynamoDb.scan(b -> b.tableName(tables.of(entity)).consistentRead(true)
                        .exclusiveStartKey(from));
                for (Map<String, AttributeValue> item : page.items()) {
                    if (DynamoBackupRows.belongs(entity, item)) {
                        out.write(DynamoItemJson.write(DynamoBackupRows.exported(entity, item)));
                        out.write('\n');
                        count++;
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }

    @Override
    public long check(BackupEntity entity, Path file) {
        return rows(entity, file, item -> {});
    }

    @Override
    public long restore(BackupEntity entity, Path file) {
        List<Map<String, AttributeValue>> batch = new ArrayList<>(BATCH);
        long count = rows(entity, file, item -> {
            batch.add(item);
            if (batch.size() == BATCH) {
                write(tables.of(entity), batch);
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            write(tables.of(entity), batch);
        }
        return count;
    }

    @Override
    public Optional<BackupEntity> firstHoldingData() {
        return tables.mustBeEmpty().entrySet().stream()
                .filter(e -> dynamoDb.scan(b -> b.tableName(e.getValue()).limit(1)).count() > 0)
                .map(Map.Entry::getKey).findFirst();
    }

    /** Reads, parses and checks every row of a file, handing each item on; a bad row is refused with its line. */
    private static long rows(BackupEntity entity, Path file, Consumer<Map<String, AttributeValue>> each) {
        long line = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                Map<String, AttributeValue> item;
                try {
                    item = DynamoItemJson.read(text);
                    DynamoBackupRows.check(entity, item);
                } catch (IllegalArgumentException e) {
                    throw new RowRefused(entity.fileName() + " line " + line + ": " + e.getMessage());
                }
                each.accept(item);
            }
        } catch (IOException e) {
            throw new RowRefused(entity.fileName() + " is not gzip-compressed NDJSON (" + e.getClass().getSimpleName()
                    + " after line " + line + ")");
        }
        return line;
    }

    private void write(String table, List<Map<String, AttributeValue>> items) {
        List<WriteRequest> requests = items.stream()
                .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()).toList();
        for (int attempt = 1; !requests.isEmpty(); attempt++) {
            if (attempt > MAX_TRIES) {
                throw new IllegalStateException(requests.size() + " item(s) of " + table + " stayed unprocessed");
            }
            List<WriteRequest> sending = requests;
            BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(table, sending)));
            requests = response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
            if (!requests.isEmpty()) {
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(2_000L, 50L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing", e);
        }
    }
}
