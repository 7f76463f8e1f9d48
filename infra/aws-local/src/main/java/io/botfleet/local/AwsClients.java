package io.botfleet.local;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients pointed at the local emulators, for provisioning and for tests to inspect state. */
public record AwsClients(DynamoDbClient dynamoDb, SqsClient sqs, S3Client s3, SecretsManagerClient secrets)
        implements AutoCloseable {

    static AwsClients create(URI motoEndpoint, URI sqsEndpoint) {
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalAwsStack.ACCESS_KEY, LocalAwsStack.SECRET_KEY));
        Region region = Region.of(LocalAwsStack.REGION);
        return new AwsClients(
                DynamoDbClient.builder().endpointOverride(motoEndpoint).region(region).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                SqsClient.builder().endpointOverride(sqsEndpoint).region(region).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                S3Client.builder().endpointOverride(motoEndpoint).region(region).credentialsProvider(credentials)
                        .forcePathStyle(true).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                SecretsManagerClient.builder().endpointOverride(motoEndpoint).region(region).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    @Override
    public void close() {
        dynamoDb.close();
        sqs.close();
        s3.close();
        secrets.close();
    }
}
