package io.botfleet.local.emulators;

import io.botfleet.local.LocalAwsStack;
import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ in this JVM: complete SQS FIFO, redrive and message-move semantics, and fast (moto's SQS is not). */
public final class EmbeddedSqs implements AutoCloseable {
    private final SQSRestServer server;
    private final URI endpoint;

    private EmbeddedSqs(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    public static EmbeddedSqs start(int port) {
        int actual = port > 0 ? port : FreePort.pick();
        SQSRestServer server = SQSRestServerBuilder
                .withInterface("127.0.0.1")
                .withPort(actual)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", actual, ""))
                .withAWSRegion(LocalAwsStack.REGION)
                .withAWSAccountId(LocalAwsStack.ACCOUNT_ID)
                .start();
        server.waitUntilStarted();
        return new EmbeddedSqs(server, URI.create("http://127.0.0.1:" + actual));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
