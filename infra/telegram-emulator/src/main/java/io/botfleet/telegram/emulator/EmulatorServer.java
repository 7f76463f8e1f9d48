package io.botfleet.telegram.emulator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The emulator's HTTP/1.1 server: one event-loop thread accepts, reads, parses and writes for every connection.
 * At the paid broadcast's 1,000 requests a second most of the emulator's CPU was the JDK server's per-exchange work
 * (re-registering each socket with epoll, header maps, a thread hand-off for every answer); here a request is read and
 * its answer written on the thread that owns its connection.
 *
 * <p>Answers go out in the order the requests came on each connection (HTTP/1.1 pipelining), whichever is ready
 * first.
 */
final class EmulatorServer implements AutoCloseable {

    /** Telegram takes uploads up to 50 MB from bots; larger bodies are answered 413 by the aggregator. */
    private static final int MAX_BODY_BYTES = 64 << 20;
    /** Enough for hundreds of concurrent clients connecting at once, as benchmarks do. */
    private static final int ACCEPT_BACKLOG = 1024;

    private final EventLoopGroup loop;
    private final Channel listener;

    private EmulatorServer(EventLoopGroup loop, Channel listener) {
        this.loop = loop;
        this.listener = listener;
    }

    /** Listens on 127.0.0.1; port 0 picks a free port. Every complete request is given to the handler. */
    static EmulatorServer start(int port, Consumer<HttpCall> handler) {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try {
            Channel listener = new ServerBootstrap()
                    .group(loop)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY_BYTES),
                                    new Connection(handler));
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                    .syncUninterruptibly()
                    .channel();
            return new EmulatorServer(loop, listener);
        } catch (RuntimeException e) {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One per connection, always on its event loop: the calls read and not yet answered, oldest first. */
    private static final class Connection extends SimpleChannelInboundHandler<FullHttpRequest> {

        private final Consumer<HttpCall> handler;
        private final ArrayDeque<Call> unanswered = new ArrayDeque<>();

        Connection(Consumer<HttpCall> handler) {
            this.handler = handler;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            Call call = new Call(this, context, request);
            unanswered.add(call);
            if (!request.decoderResult().isSuccess()) {
                call.respond(400, "text/plain", "bad request".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            handler.accept(call);
        }

        /** Writes every answer that is ready and has no unanswered call before it. */
        void writeReady(ChannelHandlerContext context) {
            boolean wrote = false;
            while (!unanswered.isEmpty() && unanswered.peek().answer != null) {
                Call call = unanswered.poll();
                wrote = true;
                FullHttpResponse response = call.answer.response(context.alloc(), call.keepAlive);
                if (call.keepAlive) {
                    context.write(response, context.voidPromise());
                } else {
                    context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                    unanswered.clear();
                    return;
                }
            }
            if (wrote) {
                context.flush();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            unanswered.clear();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            // a reset connection: the client went away, nobody to answer
            context.close();
        }
    }

    /** An answer ready to go out once the answers before it on its connection have. */
    private record Answer(int status, String contentType, byte[] content) {

        /**
         * The body is copied into a direct buffer from the connection's pool: the socket writes that as it is, where
         * a wrapped array is first copied into a fresh direct buffer. Made only when written, so an answer that never
         * goes out (its connection closed first) holds no pooled memory.
         */
        FullHttpResponse response(ByteBufAllocator allocator, boolean keepAlive) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status), allocator.ioBuffer(content.length).writeBytes(content));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, content.length);
            if (!keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            return response;
        }
    }

    private static final class Call implements HttpCall {

        private final Connection connection;
        private final ChannelHandlerContext context;
        private final String method;
        private final String rawPath;
        private final String rawQuery;
        private final HttpHeaders headers;
        private final byte[] body;
        private final boolean keepAlive;
        private final AtomicBoolean answered = new AtomicBoolean();
        /** Set on the event loop once the answer is given; read only there. */
        private Answer answer;

        Call(Connection connection, ChannelHandlerContext context, FullHttpRequest request) {
            this.connection = connection;
            this.context = context;
            this.method = request.method().name();
            String uri = request.uri();
            int question = uri.indexOf('?');
            this.rawPath = question < 0 ? uri : uri.substring(0, question);
            this.rawQuery = question < 0 ? null : uri.substring(question + 1);
            this.headers = request.headers();
            this.body = ByteBufUtil.getBytes(request.content());
            // after a malformed request the rest of the stream cannot be trusted to start where it seems to
            this.keepAlive = request.decoderResult().isSuccess() && HttpUtil.isKeepAlive(request);
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String rawPath() {
            return rawPath;
        }

        @Override
        public String rawQuery() {
            return rawQuery;
        }

        @Override
        public String header(String name) {
            return headers.get(name);
        }

        @Override
        public byte[] body() {
            return body;
        }

        @Override
        public ScheduledExecutorService connectionThread() {
            return context.executor();
        }

        @Override
        public void respond(int status, String contentType, byte[] content) {
            if (!answered.compareAndSet(false, true)) {
                throw new IllegalStateException("answered twice");
            }
            Answer ready = new Answer(status, contentType, content);
            if (context.executor().inEventLoop()) {
                ready(ready);
            } else {
                context.executor().execute(() -> ready(ready));
            }
        }

        private void ready(Answer ready) {
            answer = ready;
            connection.writeReady(context);
        }
    }
}
