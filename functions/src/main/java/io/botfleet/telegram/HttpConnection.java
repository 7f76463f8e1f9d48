package io.botfleet.telegram;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One HTTP/1.1 connection of {@link KeepAliveHttpClient}: writes a request, reads its response (a body of
 * {@code Content-Length} bytes, chunked, or up to the end of the connection) and says whether the connection can carry
 * the next one. Not thread-safe: the client hands it to one request at a time.
 */
final class HttpConnection implements AutoCloseable {
    /** A response line or header longer than this is not Telegram's. */
    private static final int MAX_LINE = 16 * 1024;
    /** A body beyond this (Telegram's answers are a few KB) would only fill the memory. */
    private static final int MAX_BODY = 64 * 1024 * 1024;

    /** What came back for one request. */
    record Response(int status, byte[] body) {}

    /** The connection ended before any byte of a response: a reused connection the server had already closed. */
    static final class NoResponseException extends EOFException {
        NoResponseException(IOException cause) {
            super("connection closed before a response");
            initCause(cause);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long readTimeoutNanos;
    private boolean reusable;
    private long idleSince;
    private volatile long answerDue;
    private volatile boolean timedOut;

    /** @param readTimeout how long an answer may take once its request is written ({@link AnswerDeadlines}) */
    HttpConnection(Socket socket, Duration readTimeout) throws IOException {
        this.socket = socket;
        this.readTimeoutNanos = readTimeout.toNanos();
        this.in = new BufferedInputStream(socket.getInputStream(), 8 * 1024);
        this.out = socket.getOutputStream();
    }

    /** When it last finished a response, in {@link System#nanoTime()}. */
    long idleSince() {
        return idleSince;
    }

    /** Whether the last response left it open for another request. */
    boolean reusable() {
        // an answer that came just as its deadline passed: the watcher has closed the connection
        return reusable && !timedOut;
    }

    /** In {@link System#nanoTime()}: when the answer under way is overdue. */
    long answerDue() {
        return answerDue;
    }

    /** Ends a wait for an answer that is overdue: the reading thread sees a {@link SocketTimeoutException}. */
    void timeOut() {
        timedOut = true;
        close();
    }

    /**
     * Sends {@code head} and {@code body} in one write and reads the response.
     *
     * @throws SocketTimeoutException if the answer did not come within the read timeout
     */
    Response exchange(byte[] head, byte[] body) throws IOException {
        reusable = false;
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        try {
            out.write(request);
            out.flush();
        } catch (SocketException e) {
            // a reset: the server had closed the connection
            throw new NoResponseException(e);
        }
        answerDue = System.nanoTime() + readTimeoutNanos;
        AnswerDeadlines.watch(this);
        try {
            return answer();
        } catch (IOException e) {
            if (timedOut) {
                throw new SocketTimeoutException("no answer within the read timeout");
            }
            throw e;
        } finally {
            AnswerDeadlines.forget(this);
        }
    }

    private Response answer() throws IOException {
        int first;
        try {
            first = in.read();
        } catch (SocketException e) {
            // a reset before any byte of an answer
            throw new NoResponseException(e);
        }
        if (first < 0) {
            throw new NoResponseException(null);
        }
        Head h;
        do {
            h = head(first);
            first = -2;
        } while (h.status() >= 100 && h.status() < 200);
        byte[] content;
        if (h.status() == 204 || h.status() == 304) {
            content = new byte[0];
        } else if (h.chunked()) {
            content = chunked();
        } else if (h.contentLength() >= 0) {
            content = exactly(h.contentLength());
        } else {
            // no length: the body ends with the connection
            content = toEnd();
            h = new Head(h.status(), h.contentLength(), false, true);
        }
        reusable = !h.close();
        idleSince = System.nanoTime();
        return new Response(h.status(), content);
    }

    private record Head(int status, long contentLength, boolean chunked, boolean close) {}

    /** The status line and headers; {@code first} is the status line's first byte if already read, else -2. */
    private Head head(int first) throws IOException {
        String statusLine = line(first);
        // HTTP/1.1 200 OK
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new ProtocolException("not an HTTP/1.x status line");
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new ProtocolException("unreadable status code");
        }
        boolean close = statusLine.startsWith("HTTP/1.0");
        long length = -1;
        boolean chunked = false;
        String header;
        while (!(header = line(-2)).isEmpty()) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("malformed header line");
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                try {
                    length = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new ProtocolException("unreadable content-length");
                }
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                chunked = value.toLowerCase(java.util.Locale.ROOT).endsWith("chunked");
            } else if (name.equalsIgnoreCase("connection")) {
                String v = value.toLowerCase(java.util.Locale.ROOT);
                close = v.contains("close") || (close && !v.contains("keep-alive"));
            }
        }
        return new Head(status, length, chunked, close);
    }

    /** A line up to CRLF (or LF), without it; {@code first} as in {@link #head}. */
    private String line(int first) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b = first == -2 ? in.read() : first;
        while (b != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed inside a response head");
            }
            if (b != '\r') {
                if (line.length() == MAX_LINE) {
                    throw new ProtocolException("response line too long");
                }
                line.append((char) b);
            }
            b = in.read();
        }
        return line.toString();
    }

    private byte[] exactly(long length) throws IOException {
        if (length > MAX_BODY) {
            throw new ProtocolException("response body too large");
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new EOFException("connection closed inside a response body");
        }
        return body;
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(512);
        while (true) {
            String sizeLine = line(-2);
            int extension = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("unreadable chunk size");
            }
            if (size == 0) {
                // trailers, up to the empty line
                while (!line(-2).isEmpty()) {
                    // ignored
                }
                return body.toByteArray();
            }
            if (size < 0 || body.size() + size > MAX_BODY) {
                throw new ProtocolException("response body too large");
            }
            body.write(exactly(size));
            if (!line(-2).isEmpty()) {
                throw new ProtocolException("chunk not followed by CRLF");
            }
        }
    }

    private byte[] toEnd() throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new ProtocolException("response body too large");
        }
        return body;
    }

    @Override
    public void close() {
        reusable = false;
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
