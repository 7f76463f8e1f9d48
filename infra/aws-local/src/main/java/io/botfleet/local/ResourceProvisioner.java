package io.botfleet.local;

import static io.botfleet.local.template.SamTemplate.list;
import static io.botfleet.local.template.SamTemplate.map;

import io.botfleet.local.template.Intrinsic;
import io.botfleet.local.template.SamTemplate;
import io.botfleet.local.template.SamTemplate.Resource;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates in the emulators every table, queue, bucket, secret and log group that template.yaml declares, named by logical id
 * (CloudFormation generates names on AWS; functions only ever see names through their environment).
 */
public final class ResourceProvisioner {
    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String QUEUE = "AWS::SQS::Queue";
    public static final String BUCKET = "AWS::S3::Bucket";
    public static final String SECRET = "AWS::SecretsManager::Secret";
    public static final String SCHEDULE_GROUP = "AWS::Scheduler::ScheduleGroup";
    public static final String ROLE = "AWS::IAM::Role";
    public static final String LOG_GROUP = "AWS::Logs::LogGroup";
    public static final String FUNCTION = "AWS::Serverless::Function";

    private static final SecureRandom random = new SecureRandom();
    private final AwsClients clients;

    public ResourceProvisioner(AwsClients clients) {
        this.clients = clients;
    }

    public Map<String, PhysicalResource> provision(SamTemplate template) {
        Map<String, PhysicalResource> created = new LinkedHashMap<>();
        Map<String, Resource> resources = template.resources();
        resources.values().stream().filter(r -> r.type().equals(TABLE)).forEach(r -> created.put(r.logicalId(), createTable(r)));
        resources.values().stream().filter(r -> r.type().equals(BUCKET)).forEach(r -> created.put(r.logicalId(),
                createBucket(r, bucketNameOf(template, r))));
        resources.values().stream().filter(r -> r.type().equals(SECRET)).forEach(r -> created.put(r.logicalId(), createSecret(r)));
        resources.values().stream().filter(r -> r.type().equals(SCHEDULE_GROUP))
                .forEach(r -> created.put(r.logicalId(), createScheduleGroup(r)));
        resources.values().stream().filter(r -> r.type().equals(LOG_GROUP)).forEach(r -> created.put(r.logicalId(), createLogGroup(r)));
        List<Resource> queues = resources.values().stream().filter(r -> r.type().equals(QUEUE)).toList();
        // every queue exists before any redrive policy names its dead-letter queue
        queues.forEach(q -> created.put(q.logicalId(), createQueue(q)));
        queues.forEach(q -> applyRedrive(q, created));
        resources.forEach((id, r) -> created.putIfAbsent(id, synthetic(r)));
        resources.values().stream().filter(r -> r.type().equals(FUNCTION) && r.property("FunctionUrlConfig") != null)
                .forEach(r -> created.put(functionUrlId(r.logicalId()), functionUrl(r)));
        return created;
    }

    /** The logical id SAM gives the AWS::Lambda::Url it generates from a function's FunctionUrlConfig. */
    public static String functionUrlId(String functionLogicalId) {
        return functionLogicalId + "Url";
    }

    /**
     * The function URL SAM generates, as Lambda names it: {@code https://<32-character url id>.lambda-url.<region>.on.aws/}.
     * The local deployment serves it on a port of its own and the functions' environments are pointed there.
     */
    private static PhysicalResource functionUrl(Resource function) {
        String urlId = java.util.HexFormat.of().formatHex(java.util.Arrays.copyOf(
                sha256(function.logicalId()), 16));
        String url = "https://" + urlId + ".lambda-url." + LocalAwsStack.REGION + ".on.aws/";
        String arn = "arn:aws:lambda:" + LocalAwsStack.REGION + ":" + LocalAwsStack.ACCOUNT_ID + ":function:" + function.logicalId() + ":live";
        return new PhysicalResource(functionUrlId(function.logicalId()), "AWS::Lambda::Url", arn,
                Map.of("FunctionUrl", url, "FunctionArn", arn));
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Resources the emulators do not host (functions, APIs, alarms, topics) still resolve in !Ref. */
    private static PhysicalResource synthetic(Resource r) {
        if (r.type().equals(ROLE)) {
            // a role's ARN names it, as IAM's do: the local scheduler finds the role a schedule acts as by that name
            String arn = "arn:aws:iam::" + LocalAwsStack.ACCOUNT_ID + ":role/" + r.logicalId();
            return new PhysicalResource(r.logicalId(), r.type(), r.logicalId(), Map.of("Arn", arn, "RoleId", r.logicalId()));
        }
        String arn = "arn:aws:local:" + LocalAwsStack.REGION + ":" + LocalAwsStack.ACCOUNT_ID + ":" + r.logicalId();
        String ref = r.type().equals("AWS::SNS::Topic") ? arn : r.logicalId();
        return new PhysicalResource(r.logicalId(), r.type(), ref, Map.of("Arn", arn, "Name", r.logicalId()));
    }

    private PhysicalResource createTable(Resource r) {
        Map<String, Object> p = r.properties();
        String name = r.logicalId();
        var request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(p.get("AttributeDefinitions")).stream().map(a -> AttributeDefinition.builder()
                        .attributeName(str(map(a).get("AttributeName")))
                        .attributeType(str(map(a).get("AttributeType"))).build()).toList())
                .keySchema(keySchema(p.get("KeySchema")));
        List<GlobalSecondaryIndex> gsis = new ArrayList<>();
        for (Object g : list(p.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> gsi = map(g);
            Map<String, Object> projection = map(gsi.get("Projection"));
            var projectionBuilder = Projection.builder().projectionType(str(projection.get("ProjectionType")));
            if (projection.containsKey("NonKeyAttributes")) {
                projectionBuilder.nonKeyAttributes(list(projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList());
            }
            gsis.add(GlobalSecondaryIndex.builder()
                    .indexName(str(gsi.get("IndexName")))
                    .keySchema(keySchema(gsi.get("KeySchema")))
                    .projection(projectionBuilder.build())
                    .build());
        }
        if (!gsis.isEmpty()) {
            request.globalSecondaryIndexes(gsis);
        }
        Map<String, Object> stream = map(p.get("StreamSpecification"));
        if (!stream.isEmpty()) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(str(stream.get("StreamViewType"))).build());
        }
        TableDescription table = clients.dynamoDb().createTable(request.build()).tableDescription();
        Map<String, Object> ttl = map(p.get("TimeToLiveSpecification"));
        if (!ttl.isEmpty() && Boolean.parseBoolean(String.valueOf(ttl.getOrDefault("Enabled", "true")))) {
            clients.dynamoDb().updateTimeToLive(b -> b.tableName(name)
                    .timeToLiveSpecification(t -> t.attributeName(str(ttl.get("AttributeName"))).enabled(true)));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("Arn", table.tableArn());
        if (table.latestStreamArn() != null) {
            attributes.put("StreamArn", table.latestStreamArn());
        }
        return new PhysicalResource(name, r.type(), name, attributes);
    }

    private static List<KeySchemaElement> keySchema(Object schema) {
        return list(schema).stream().map(k -> KeySchemaElement.builder()
                .attributeName(str(map(k).get("AttributeName")))
                .keyType(str(map(k).get("KeyType"))).build()).toList();
    }

    /** Local bucket names are derived from the logical id: S3 names must be lower case. */
    public static String bucketName(String logicalId) {
        return logicalId.toLowerCase(Locale.ROOT) + "-local";
    }

    /** A bucket's declared BucketName, resolved as CloudFormation would (local pseudo parameters); else from its id. */
    static String bucketNameOf(SamTemplate template, Resource r) {
        Object declared = r.property("BucketName");
        return declared == null ? bucketName(r.logicalId())
                : new TemplateEnvironment(template, Map.of(), Map.of(), Map.of()).resolve(declared);
    }

    private PhysicalResource createBucket(Resource r, String name) {
        clients.s3().createBucket(b -> b.bucket(name));
        return new PhysicalResource(r.logicalId(), r.type(), name, Map.of(
                "Arn", "arn:aws:s3:::" + name,
                "DomainName", name + ".s3.amazonaws.com",
                "RegionalDomainName", name + ".s3." + LocalAwsStack.REGION + ".amazonaws.com"));
    }

    private PhysicalResource createSecret(Resource r) {
        Map<String, Object> generate = map(r.property("GenerateSecretString"));
        String value;
        if (r.property("SecretString") instanceof String s) {
            value = s;
        } else if (generate.containsKey("GenerateStringKey")) {
            String template = str(generate.getOrDefault("SecretStringTemplate", "{}")).trim();
            String inner = template.substring(1, template.length() - 1).trim();
            String generated = "\"" + generate.get("GenerateStringKey") + "\":\"" + randomAlphanumeric(length(generate)) + "\"";
            value = "{" + (inner.isEmpty() ? "" : inner + ",") + generated + "}";
        } else {
            value = randomAlphanumeric(length(generate));
        }
        String arn = clients.secrets().createSecret(b -> b.name(r.logicalId()).secretString(value)).arn();
        return new PhysicalResource(r.logicalId(), r.type(), arn, Map.of("Id", arn));
    }

    private static int length(Map<String, Object> generate) {
        return Integer.parseInt(String.valueOf(generate.getOrDefault("PasswordLength", "32")));
    }

    private static String randomAlphanumeric(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /**
     * A log group in moto's CloudWatch Logs, named by its LogGroupName or else its logical id (CloudFormation generates
     * names on AWS); the ARN is the one {@code !GetAtt .Arn} gives, ending in {@code :*}.
     */
    private PhysicalResource createLogGroup(Resource r) {
        String name = r.property("LogGroupName") instanceof String s ? s : r.logicalId();
        try {
            clients.logs().createLogGroup(b -> b.logGroupName(name));
        } catch (ResourceAlreadyExistsException e) {
            // a function's lines arrived first (after a reset): Lambda creates a missing group, as the shipper does
        }
        return new PhysicalResource(r.logicalId(), r.type(), name, Map.of("Arn", logGroupArn(name)));
    }

    public static String logGroupArn(String name) {
        return "arn:aws:logs:" + LocalAwsStack.REGION + ":" + LocalAwsStack.ACCOUNT_ID + ":log-group:" + name + ":*";
    }

    /** A schedule group in moto's EventBridge Scheduler, named by its logical id (CloudFormation generates names on AWS). */
    private PhysicalResource createScheduleGroup(Resource r) {
        String arn = clients.scheduler().createScheduleGroup(b -> b.name(r.logicalId())).scheduleGroupArn();
        return new PhysicalResource(r.logicalId(), r.type(), r.logicalId(), Map.of("Arn", arn));
    }

    public static boolean isFifo(Resource queue) {
        return Boolean.parseBoolean(String.valueOf(queue.properties().getOrDefault("FifoQueue", "false")));
    }

    public static String queueName(Resource queue) {
        return queue.logicalId() + (isFifo(queue) ? ".fifo" : "");
    }

    private PhysicalResource createQueue(Resource r) {
        Map<String, Object> p = r.properties();
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        copy(p, "VisibilityTimeout", attributes, QueueAttributeName.VISIBILITY_TIMEOUT);
        copy(p, "MessageRetentionPeriod", attributes, QueueAttributeName.MESSAGE_RETENTION_PERIOD);
        copy(p, "DelaySeconds", attributes, QueueAttributeName.DELAY_SECONDS);
        copy(p, "ReceiveMessageWaitTimeSeconds", attributes, QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS);
        if (isFifo(r)) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            copy(p, "ContentBasedDeduplication", attributes, QueueAttributeName.CONTENT_BASED_DEDUPLICATION);
        }
        String name = queueName(r);
        String url = clients.sqs().createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        String arn = "arn:aws:sqs:" + LocalAwsStack.REGION + ":" + LocalAwsStack.ACCOUNT_ID + ":" + name;
        return new PhysicalResource(r.logicalId(), r.type(), url, Map.of("Arn", arn, "QueueName", name, "QueueUrl", url));
    }

    private void applyRedrive(Resource r, Map<String, PhysicalResource> created) {
        Map<String, Object> redrive = map(r.property("RedrivePolicy"));
        if (redrive.isEmpty()) {
            return;
        }
        String dlqArn = switch (redrive.get("deadLetterTargetArn")) {
            case Intrinsic.GetAtt g -> created.get(g.resource()).attribute(g.attribute());
            case String s -> s;
            case null, default -> throw new IllegalArgumentException(r.logicalId() + ": unsupported deadLetterTargetArn");
        };
        String policy = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":" + redrive.get("maxReceiveCount") + "}";
        clients.sqs().setQueueAttributes(b -> b.queueUrl(created.get(r.logicalId()).ref())
                .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, policy)));
    }

    private static void copy(Map<String, Object> props, String key, Map<QueueAttributeName, String> out, QueueAttributeName name) {
        if (props.containsKey(key)) {
            out.put(name, String.valueOf(props.get(key)));
        }
    }

    private static String str(Object o) {
        return String.valueOf(o);
    }
}
