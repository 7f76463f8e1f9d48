package io.botfleet.telegram.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches media sent by http(s) URL, as Telegram's servers do, and refuses it as they do. Loopback URLs are fine:
 * the emulator runs next to the code under test, and tests serve their media from loopback.
 *
 * <p>Telegram takes at most 5 MB for a photo and 20 MB for other media by URL; a larger file fails like an
 * unreachable one, "failed to get HTTP URL content", which is what Telegram answers for files between 20 and 50 MB
 * (its documented size limits have no error text of their own). Reading stops at the limit.
 */
final class MediaFetcher {

    static final long MAX_PHOTO_BYTES = 5L * 1024 * 1024;
    static final long MAX_OTHER_BYTES = 20L * 1024 * 1024;

    /** What a URL answered with. */
    record Fetched(byte[] content, String contentType, String fileName) {
    }

    private final HttpClient client;
    private final Duration timeout;
    private volatile boolean enabled = true;

    MediaFetcher(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    boolean enabled() {
        return enabled;
    }

    /** Off: URLs are taken as they are and never fetched (files sent by URL then have no content). */
    void enabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Throws {@link MediaRejection} for content Telegram would refuse, {@link ApiException} for a malformed URL.
     * The whole fetch, body included, must finish within the timeout: a server that stalls mid-body fails too.
     */
    Fetched fetch(String kind, String url) {
        URI uri = parse(url);
        long limit = kind.equals("photo") ? MAX_PHOTO_BYTES : MAX_OTHER_BYTES;
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, info -> acceptable(info, limit)
                ? new LimitedBody(limit)
                : HttpResponse.BodySubscribers.replacing(null));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            pending.cancel(true);
            throw new MediaRejection(MediaRejection.Reason.FETCH_FAILED);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new MediaRejection(MediaRejection.Reason.FETCH_FAILED);
        }
        if (response.body() == null) {
            throw new MediaRejection(MediaRejection.Reason.FETCH_FAILED);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        if (!MediaTypes.acceptsFromUrl(kind, contentType, response.body())) {
            throw new MediaRejection(MediaRejection.Reason.WRONG_CONTENT);
        }
        return new Fetched(response.body(), MediaTypes.mimeType(contentType), fileName(uri, kind));
    }

    /** A 2xx answer that does not announce more bytes than allowed; anything else is not read at all. */
    private static boolean acceptable(HttpResponse.ResponseInfo info, long limit) {
        return info.statusCode() >= 200 && info.statusCode() <= 299
                && info.headers().firstValueAsLong("Content-Length").orElse(0) <= limit;
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException invalid) {
            // reported below
        }
        throw ApiException.badRequest("wrong HTTP URL specified");
    }

    private static String fileName(URI uri, String kind) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? kind : name;
    }

    /** Collects the body, failing as soon as it grows past the limit (a missing Content-Length proves nothing). */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final long limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(long limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("more than " + limit + " bytes"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
