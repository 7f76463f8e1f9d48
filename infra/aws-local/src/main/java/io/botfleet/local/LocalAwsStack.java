package io.botfleet.local;

import io.botfleet.local.apigateway.WebSocketApis;
import io.botfleet.local.emulators.EmbeddedSqs;
import io.botfleet.local.emulators.MotoServer;
import io.botfleet.local.gateway.AwsGateway;
import io.botfleet.local.gateway.Faults;
import io.botfleet.local.gateway.IamPolicies;
import io.botfleet.local.gateway.IamReport;
import io.botfleet.local.gateway.RoleCredentials;
import io.botfleet.local.lambda.LocalLambda;
import io.botfleet.local.template.SamTemplate;
import java.io.ByteArrayOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS side of the local stack: moto's server for DynamoDB, S3 and Secrets Manager, ElasticMQ in this JVM for
 * SQS, and every resource template.yaml declares, all behind the {@link AwsGateway}, which enforces each function's
 * IAM role and makes moto's DynamoDB writes atomic. Used by the local runner, the integration tests and the
 * benchmarks alike.
 */
public final class LocalAwsStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalAwsStack.class);
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "123456789012";
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";

    private final MotoServer moto;
    private final EmbeddedSqs sqs;
    private final AwsGateway gateway;
    private final AwsClients clients;
    private final SamTemplate template;
    private volatile Map<String, PhysicalResource> resources = Map.of();
    /** Parameter values the running deployment gives the template (the rest keep their defaults). */
    private volatile Map<String, String> parameters = Map.of();
    private LocalLambda lambda;
    /** Function URLs being served locally: the URL the template names (https://…on.aws/) to the local host's. */
    private final Map<String, String> functionUrls = new java.util.concurrent.ConcurrentHashMap<>();

    private LocalAwsStack(MotoServer moto, EmbeddedSqs sqs, AwsGateway gateway, SamTemplate template) {
        this.moto = moto;
        this.sqs = sqs;
        this.gateway = gateway;
        this.template = template;
        this.clients = AwsClients.create(gateway.endpoint(),
                AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY), ClientOverrideConfiguration.builder().build());
    }

    /**
     * Starts (or reuses, when {@code motoEndpoint} answers) the emulators and creates the template's resources.
     *
     * @param motoEndpoint where moto runs or should run; null picks a free port
     * @param sqsPort      ElasticMQ's port; 0 picks a free one
     */
    public static LocalAwsStack start(SamTemplate template, URI motoEndpoint, int sqsPort) {
        MotoServer moto = MotoServer.startOrReuse(motoEndpoint);
        EmbeddedSqs sqs = null;
        try {
            sqs = EmbeddedSqs.start(sqsPort);
            LocalAwsStack stack = new LocalAwsStack(moto, sqs, AwsGateway.start(moto.endpoint(), sqs.endpoint(), template), template);
            stack.provision();
            return stack;
        } catch (RuntimeException e) {
            if (sqs != null) {
                sqs.close();
            }
            moto.close();
            throw e;
        }
    }

    public static LocalAwsStack start() {
        return start(SamTemplate.load(SamTemplate.locate()), null, 0);
    }

    private void provision() {
        resources = Map.copyOf(new ResourceProvisioner(clients).provision(template));
        gateway.provisioned(resources);
        gateway.serveBucketCors(BucketCors.read(template, resources, parameters));
    }

    /**
     * What a deployment with these parameter values changes in resources already provisioned: the buckets' CORS
     * configurations (their allowed origins name the dashboard's).
     */
    public void deployParameters(Map<String, String> values) {
        parameters = Map.copyOf(values);
        gateway.serveBucketCors(BucketCors.read(template, resources, parameters));
    }

    /**
     * Empties every table, queue, bucket and secret by recreating them: the state of a fresh stack. Function
     * credentials, armed faults and the IAM report survive it.
     */
    public void reset() {
        synchronized (this) {
            if (lambda != null) {
                // lines printed before the reset belong to the old state, not to the fresh stack's log groups
                lambda.flushLogs();
            }
        }
        moto.reset();
        clients.sqs().listQueues().queueUrls().forEach(url -> clients.sqs().deleteQueue(b -> b.queueUrl(url)));
        provision();
        synchronized (this) {
            if (lambda != null) {
                // functions keep secrets and caches in memory: a fresh stack needs fresh execution environments
                lambda.recycle();
            }
        }
    }

    /** The stack's Lambda service, running the template's functions against it (started on first use). */
    public synchronized LocalLambda lambda() {
        if (lambda == null) {
            lambda = new LocalLambda(this);
        }
        return lambda;
    }

    /** What the SDK needs to reach the local AWS as the admin: the same variables a developer would export. */
    public Map<String, String> awsEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        env.put("AWS_ENDPOINT_URL", gateway.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", gateway.endpoint().toString());
        return env;
    }

    /**
     * A function's full environment as template.yaml gives it, with the gateway as every endpoint and the
     * function's own role credentials (so its calls are authorized as on AWS), then the overrides.
     */
    public Map<String, String> functionEnvironment(String functionLogicalId, Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(awsEnvironment());
        RoleCredentials role = credentialsFor(functionLogicalId);
        all.put("AWS_ACCESS_KEY_ID", role.accessKeyId());
        all.put("AWS_SECRET_ACCESS_KEY", role.secretAccessKey());
        all.put("AWS_SESSION_TOKEN", role.sessionToken());
        all.putAll(overrides);
        Map<String, String> env = new TemplateEnvironment(template, resources, Map.of(), all).forFunction(functionLogicalId);
        // a WebSocket API's management endpoint (https://{api}.execute-api.{region}.amazonaws.com/{stage}) is reached
        // through the gateway, which checks execute-api:ManageConnections and forwards to the local API
        for (String api : webSocketApiIds()) {
            String host = "https://" + api + ".execute-api." + REGION + "." + PseudoParameters.value("AWS::URLSuffix");
            env.replaceAll((name, value) -> value.startsWith(host)
                    ? gateway.endpoint() + "/" + api + value.substring(host.length()) : value);
        }
        // a function URL the deployment serves is reached on its local host (the path after it kept)
        functionUrls.forEach((url, local) -> env.replaceAll((name, value) ->
                !overrides.containsKey(name) && value.startsWith(url) ? local + value.substring(url.length()) : value));
        return env;
    }

    /** The function URL (https://<url id>.lambda-url.<region>.on.aws/) the template gives {@code functionLogicalId}. */
    public String functionUrl(String functionLogicalId) {
        return resource(ResourceProvisioner.functionUrlId(functionLogicalId)).attribute("FunctionUrl");
    }

    /** Functions' environments name {@code local} (ending with "/") wherever the template names the function's URL. */
    public void serveFunctionUrl(String functionLogicalId, String local) {
        functionUrls.put(functionUrl(functionLogicalId), local);
    }

    public void stopServingFunctionUrl(String functionLogicalId) {
        functionUrls.remove(functionUrl(functionLogicalId));
    }

    /** The logical ids of the template's WebSocket APIs. */
    public List<String> webSocketApiIds() {
        return template.resourcesOfType("AWS::ApiGatewayV2::Api").values().stream()
                .filter(r -> "WEBSOCKET".equals(String.valueOf(r.properties().get("ProtocolType"))))
                .map(SamTemplate.Resource::logicalId).toList();
    }

    /** Where clients connect to the WebSocket API {@code apiId} once it runs on {@code port}: {@code ws://127.0.0.1:port/{stage}}. */
    public String webSocketUrl(String apiId, int port) {
        var environment = new TemplateEnvironment(template, resources, Map.of(), Map.of());
        return "ws://127.0.0.1:" + port + "/" + WebSocketApis.stage(template, apiId, environment::resolve);
    }

    /** Management calls for the WebSocket API {@code apiId} reach {@code endpoint} (after the gateway's IAM check). */
    public void serveWebSocketApi(String apiId, URI endpoint) {
        gateway.serveWebSocketApi(apiId, endpoint);
    }

    public void stopServingWebSocketApi(String apiId) {
        gateway.stopServingWebSocketApi(apiId);
    }

    /** The credentials of a function's role: they name the function to the gateway. Stable for the stack's life. */
    public RoleCredentials credentialsFor(String functionLogicalId) {
        return gateway.credentialsFor(functionLogicalId);
    }

    public Map<String, PhysicalResource> resources() {
        return resources;
    }

    public PhysicalResource resource(String logicalId) {
        PhysicalResource r = resources.get(logicalId);
        if (r == null) {
            throw new IllegalArgumentException("no resource " + logicalId);
        }
        return r;
    }

    public SamTemplate template() {
        return template;
    }

    public AwsClients clients() {
        return clients;
    }

    private software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient streams;

    /** DynamoDB Streams as Lambda's pollers read it, through the gateway with the stack's own credentials. */
    public synchronized software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient dynamoDbStreams() {
        if (streams == null) {
            streams = software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient.builder()
                    .endpointOverride(gateway.endpoint()).region(software.amazon.awssdk.regions.Region.of(REGION))
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))).build();
        }
        return streams;
    }

    /** Where SDK clients reach the local AWS: every service, with IAM enforced for function credentials. */
    public URI gatewayEndpoint() {
        return gateway.endpoint();
    }

    /** Each function's role policies, as SAM generates them, resolved to the local ARNs. */
    public IamPolicies iamPolicies() {
        return gateway.policies();
    }

    /** What each function used, was denied and was granted but never used, since the stack started. */
    public IamReport iamReport() {
        return gateway.report();
    }

    /** Writes {@link #iamReport()} to {@code file} (best effort: a report is no reason to fail a run) and returns it. */
    public String writeIamReport(Path file) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        iamReport().print(new PrintStream(text, true, StandardCharsets.UTF_8));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, text.toByteArray());
        } catch (IOException e) {
            log.warn("could not write the IAM report to {}: {}", file, e.toString());
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    /** Objects S3 created through the gateway, as its bucket notifications would announce them. */
    public void onObjectCreated(java.util.function.Consumer<io.botfleet.local.gateway.ObjectCreated> listener) {
        gateway.onObjectCreated(listener);
    }

    public void removeObjectListener(java.util.function.Consumer<io.botfleet.local.gateway.ObjectCreated> listener) {
        gateway.removeObjectListener(listener);
    }

    /** Injected outages of AWS calls, for tests. */
    public Faults faults() {
        return gateway.faults();
    }

    /** moto itself, bypassing the gateway (no IAM, no write serialisation). */
    public URI motoEndpoint() {
        return moto.endpoint();
    }

    /** ElasticMQ itself, bypassing the gateway. */
    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (lambda != null) {
                lambda.close();
            }
        }
        clients.close();
        gateway.close();
        sqs.close();
        moto.close();
    }
}
