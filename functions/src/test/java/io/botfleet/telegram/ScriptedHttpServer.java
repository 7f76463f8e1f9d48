package io.botfleet.telegram;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that answers each connection with a script written as raw bytes, for testing an HTTP client
 * against what servers really send (chunked bodies, closed connections, answers that stop half-way).
 */
final class ScriptedHttpServer implements AutoCloseable {
    /** What the server does on one connection: {@code n} is the connection's number, from 0. */
    interface Script {
        void serve(int n, Exchange exchange) throws IOException;
    }

    /** A request's line and headers (one a line) and its body. */
    record Request(String head, byte[] body) {
        String path() {
            return head.split(" ")[1];
        }

        String text() {
            return head + "\n" + new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One connection, read a request at a time. */
    static final class Exchange {
        private final InputStream in;
        private final OutputStream out;
        private final List<String> requests;

        Exchange(Socket socket, List<String> requests) throws IOException {
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
            this.requests = requests;
        }

        /** The next request, or null at the end of the connection. */
        Request request() throws IOException {
            StringBuilder head = new StringBuilder();
            int length = 0;
            String line;
            while ((line = line()) != null && !line.isEmpty()) {
                head.append(line).append('\n');
                if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            if (line == null) {
                return null;
            }
            Request request = new Request(head.toString(), in.readNBytes(length));
            requests.add(request.text());
            return request;
        }

        void write(String raw) throws IOException {
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    return null;
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    ScriptedHttpServer(Script script) {
        this(plainSocket(), script);
    }

    ScriptedHttpServer(ServerSocket server, Script script) {
        this.server = server;
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Socket socket = server.accept();
                    int n = connections.getAndIncrement();
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            script.serve(n, new Exchange(socket, requests));
                        } catch (IOException e) {
                            // the client went away
                        }
                    });
                }
            } catch (IOException e) {
                // closed
            }
        });
    }

    private static ServerSocket plainSocket() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** Every request read so far, head and body. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
