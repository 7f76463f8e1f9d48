package io.botfleet.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.botfleet.local.AwsClients;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The gateway announces each object S3 created through it, as S3's notifications would: plain, presigned, copied. */
@LocalAws
class S3NotificationsTest {

    @Test
    void putsPresignedPutsAndCopiesAreAnnouncedWithSizeAndEtag(LocalAwsStack stack) throws Exception {
        String bucket = stack.resource("MediaBucket").ref();
        List<ObjectCreated> heard = new CopyOnWriteArrayList<>();
        Consumer<ObjectCreated> listener = heard::add;
        stack.onObjectCreated(listener);
        try (AwsClients api = Sdk.as(stack, "ApiFunction")) {
            stack.clients().s3().putObject(b -> b.bucket(bucket).key("originals/a"), RequestBody.fromString("hello"));
            try (S3Presigner presigner = Sdk.presigner(stack, "ApiFunction")) {
                URI url = URI.create(presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                        .putObjectRequest(r -> r.bucket(bucket).key("uploads/b").contentType("text/plain").contentLength(3L)))
                        .url().toString());
                HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                        .header("content-type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("abc")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            }
            stack.clients().s3().copyObject(b -> b.sourceBucket(bucket).sourceKey("originals/a").destinationBucket(bucket)
                    .destinationKey("quarantine/a"));
            // the API presigns uploads but may not read them: only the media function does
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.s3().getObject(b -> b.bucket(bucket).key("uploads/b")).close())
                    .hasMessageContaining("not authorized to perform: s3:GetObject");
        } finally {
            await().atMost(Duration.ofSeconds(30)).until(() -> heard.size() >= 3);
            stack.removeObjectListener(listener);
        }
        // announced after each answer, as S3 does, so in no promised order
        assertThat(heard).extracting(ObjectCreated::key, ObjectCreated::eventName, ObjectCreated::size).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("originals/a", "ObjectCreated:Put", 5L),
                org.assertj.core.groups.Tuple.tuple("uploads/b", "ObjectCreated:Put", 3L),
                org.assertj.core.groups.Tuple.tuple("quarantine/a", "ObjectCreated:Copy", 5L));
        assertThat(heard).allSatisfy(o -> assertThat(o.bucket()).isEqualTo(bucket)).allSatisfy(o -> assertThat(o.eTag()).isNotBlank());
    }
}
