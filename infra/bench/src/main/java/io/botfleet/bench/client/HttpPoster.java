package io.botfleet.bench.client;

import java.io.IOException;
import java.net.URI;

/** One HTTP client library under test, posting a Bot API request over keep-alive connections from many threads. */
interface HttpPoster extends AutoCloseable {

    /** The status and body of one POST of {@code body} to {@code url}. */
    Answer post(URI url, String contentType, byte[] body) throws IOException;

    record Answer(int status, byte[] body) {}

    @Override
    default void close() throws Exception {}
}
