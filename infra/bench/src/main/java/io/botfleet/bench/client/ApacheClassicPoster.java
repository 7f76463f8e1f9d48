package io.botfleet.bench.client;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** Apache HttpClient 5's classic (blocking) client with a pooling connection manager, called from the virtual threads. */
final class ApacheClassicPoster implements HttpPoster {
    private final CloseableHttpClient client = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(256).setMaxConnPerRoute(256)
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(5, TimeUnit.SECONDS)
                            .setSocketTimeout(30, TimeUnit.SECONDS).build())
                    .build())
            .disableAutomaticRetries().disableCookieManagement().disableRedirectHandling()
            .build();

    @Override
    public Answer post(URI url, String contentType, byte[] body) throws IOException {
        HttpPost post = new HttpPost(url);
        post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        return client.execute(post, response -> new Answer(response.getCode(),
                response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity())));
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
