package io.botfleet.bench;

import io.botfleet.local.template.SamTemplate;
import java.util.Map;
import java.util.TreeMap;

/**
 * us-east-1 list prices (on demand, no free tier) and what the requests {@link AwsRequestCounter} counted cost at
 * them: every benchmark that prints a cost figure computes it here, from what it measured.
 */
public final class AwsCost {
    public static final double SQS_STANDARD_PER_REQUEST = 0.40 / 1e6;
    public static final double SQS_FIFO_PER_REQUEST = 0.50 / 1e6;
    public static final double DDB_PER_WRU = 0.625 / 1e6;
    public static final double DDB_PER_RRU = 0.125 / 1e6;
    public static final double LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;
    public static final double LAMBDA_PER_REQUEST = 0.20 / 1e6;
    public static final double LOGS_PER_BYTE_INGESTED = 0.50 / 1e9;
    public static final double XRAY_PER_TRACE = 5.00 / 1e6;

    /**
     * Assumption for AWS: the time an SDK call takes from inside the region (DynamoDB and SQS answer in single-digit
     * milliseconds). Local calls wait for moto and say nothing about AWS, so a function whose time is its AWS calls is
     * billed here for its measured CPU time plus this per AWS request ({@code -Dbench.awsRequestMs}).
     */
    public static final int AWS_REQUEST_MS = Integer.getInteger("bench.awsRequestMs", 8);

    private AwsCost() {}

    /**
     * Requests by {@code Service.Operation} with their DynamoDB write units: SQS requests (long polls that found
     * nothing apart, as they depend on the poll wait), write units from the items' sizes, and reads (one unit per
     * GetItem, Query or BatchGetItem: the platform's reads are of small items).
     */
    public record Usage(Map<String, long[]> byOperation, long sqsRequests, long dynamoWriteUnits, long dynamoReads) {
        /** What the interceptor counted since its last reset. */
        public static Usage counted() {
            Map<String, long[]> all = new TreeMap<>();
            Map<String, Long> units = AwsRequestCounter.writeUnits();
            AwsRequestCounter.requests().forEach((op, n) -> all.put(op, new long[] {n, units.getOrDefault(op, 0L)}));
            return of(all);
        }

        /** {@code byOperation}: requests and write units by operation, e.g. merged from several processes' counts. */
        public static Usage of(Map<String, long[]> byOperation) {
            long sqs = 0;
            long wru = 0;
            long reads = 0;
            for (var e : byOperation.entrySet()) {
                String op = e.getKey();
                long n = e.getValue()[0];
                if (op.startsWith("Sqs.") && !op.endsWith("(empty)")) {
                    sqs += n;
                }
                if (op.startsWith("DynamoDb.")) {
                    wru += e.getValue()[1];
                    if (op.matches("DynamoDb\\.(GetItem|Query|BatchGetItem)")) {
                        reads += n;
                    }
                }
            }
            return new Usage(Map.copyOf(byOperation), sqs, wru, reads);
        }

        public long requests(String operation) {
            long[] v = byOperation.get(operation);
            return v == null ? 0 : v[0];
        }

        public double dynamoUsd() {
            return dynamoWriteUnits * DDB_PER_WRU + dynamoReads * DDB_PER_RRU;
        }

        public double sqsUsd(double perRequest) {
            return sqsRequests * perRequest;
        }
    }

    public static double lambdaUsd(double gbSeconds, long invocations) {
        return gbSeconds * LAMBDA_ARM_PER_GB_SECOND + invocations * LAMBDA_PER_REQUEST;
    }

    /** A function's memory as deployed (template.yaml: its MemorySize, else the Globals'), in MB. */
    public static int memoryMb(String function) {
        var template = SamTemplate.load(SamTemplate.locate());
        Object mb = template.resources().get(function).properties()
                .getOrDefault("MemorySize", template.functionGlobals().get("MemorySize"));
        return Integer.parseInt(String.valueOf(mb));
    }

    /** {@link #memoryMb} in GB, as Lambda bills it. */
    public static double memoryGb(String function) {
        return memoryMb(function) / 1024.0;
    }
}
