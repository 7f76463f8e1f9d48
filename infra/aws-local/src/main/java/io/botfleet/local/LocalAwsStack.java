package io.botfleet.local;

import io.botfleet.local.emulators.EmbeddedSqs;
import io.botfleet.local.emulators.MotoServer;
import io.botfleet.local.lambda.LocalLambda;
import io.botfleet.local.template.SamTemplate;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AWS side of the local stack: moto's server for DynamoDB, S3 and Secrets Manager, ElasticMQ in this JVM for
 * SQS, and every resource template.yaml declares. Used by the local runner, the integration tests and the
 * benchmarks alike.
 */
public final class LocalAwsStack implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "123456789012";
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";

    private final MotoServer moto;
    private final EmbeddedSqs sqs;
    private final AwsClients clients;
    private final SamTemplate template;
    private volatile Map<String, PhysicalResource> resources = Map.of();
    private LocalLambda lambda;

    private LocalAwsStack(MotoServer moto, EmbeddedSqs sqs, SamTemplate template) {
        this.moto = moto;
        this.sqs = sqs;
        this.template = template;
        this.clients = AwsClients.create(moto.endpoint(), sqs.endpoint());
    }

    /**
     * Starts (or reuses, when {@code motoEndpoint} answers) the emulators and creates the template's resources.
     *
     * @param motoEndpoint where moto runs or should run; null picks a free port
     * @param sqsPort      ElasticMQ's port; 0 picks a free one
     */
    public static LocalAwsStack start(SamTemplate template, URI motoEndpoint, int sqsPort) {
        MotoServer moto = MotoServer.startOrReuse(motoEndpoint);
        EmbeddedSqs sqs;
        try {
            sqs = EmbeddedSqs.start(sqsPort);
        } catch (RuntimeException e) {
            moto.close();
            throw e;
        }
        LocalAwsStack stack = new LocalAwsStack(moto, sqs, template);
        stack.provision();
        return stack;
    }

    public static LocalAwsStack start() {
        return start(SamTemplate.load(SamTemplate.locate()), null, 0);
    }

    private void provision() {
        resources = Map.copyOf(new ResourceProvisioner(clients).provision(template));
    }

    /** Empties every table, queue, bucket and secret by recreating them: the state of a fresh stack. */
    public void reset() {
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

    /** What the SDK needs to reach the emulators: the same variables a developer would export. */
    public Map<String, String> awsEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
        return env;
    }

    /** A function's full environment as template.yaml gives it, plus the emulator endpoints and the overrides. */
    public Map<String, String> functionEnvironment(String functionLogicalId, Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(awsEnvironment());
        all.putAll(overrides);
        return new TemplateEnvironment(template, resources, Map.of(), all).forFunction(functionLogicalId);
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

    public URI motoEndpoint() {
        return moto.endpoint();
    }

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
        sqs.close();
        moto.close();
    }
}
