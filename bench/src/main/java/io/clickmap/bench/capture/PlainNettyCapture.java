package io.clickmap.bench.capture;

import com.clickhouse.client.api.Client;
import io.clickmap.capture.batch.Arrival;
import io.clickmap.capture.batch.CapturedEvent;
import io.clickmap.capture.batch.EventBatch;
import io.clickmap.capture.body.RequestBody;
import io.clickmap.capture.config.CaptureConfig;
import io.clickmap.capture.errors.Rejection;
import io.clickmap.capture.kafka.EventLog;
import io.clickmap.capture.observe.CaptureMetrics;
import io.clickmap.clickhouse.ClickHouseClients;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.event.StoredEnvironments;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * For the benchmark only: capture's own request path (body decoding, event reading, envelopes, the
 * transactional Kafka log, the token lookup) behind a bare Netty HTTP server instead of Micronaut, to
 * measure what the framework costs. It serves {@code POST /e/} and {@code GET /health} and nothing else of
 * capture's contract (no CORS, no SDK set-up calls, no other paths); the work runs on Netty's event loops.
 * Configured from the same environment variables as capture (PORT, KAFKA_*, CLICKHOUSE_*).
 */
public final class PlainNettyCapture {
    private static final byte[] ACCEPTED = "{\"status\":1}".getBytes(StandardCharsets.US_ASCII);

    private PlainNettyCapture() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        CaptureConfig config = new CaptureConfig(env.get("KAFKA_BOOTSTRAP_SERVERS"), env.get("KAFKA_TOPIC"), null, null, null,
                env.get("CLICKHOUSE_URL"), env.get("CLICKHOUSE_DATABASE"), env.get("CLICKHOUSE_USER"), env.get("CLICKHOUSE_PASSWORD"), false);
        Client client = ClickHouseClients.create(config.clickHouse());
        StoredEnvironments environments = new StoredEnvironments(new ClickHouseSql(client), Map.of(), Clock.systemUTC());
        EventLog eventLog = new EventLog(config, new CaptureMetrics());
        NioEventLoopGroup boss = new NioEventLoopGroup(1);
        NioEventLoopGroup workers = new NioEventLoopGroup(2);
        Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class).childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(4 << 20),
                        new Handler(eventLog, token -> environments.byToken(token).isPresent()));
            }
        }).bind(Integer.parseInt(env.getOrDefault("PORT", "8010"))).sync().channel();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            eventLog.close();
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }));
        server.closeFuture().sync();
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final EventLog eventLog;
        private final Predicate<String> knownToken;

        Handler(EventLog eventLog, Predicate<String> knownToken) {
            this.eventLog = eventLog;
            this.knownToken = knownToken;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (request.uri().startsWith("/health")) {
                respond(context, HttpResponseStatus.OK, ACCEPTED, keepAlive);
                return;
            }
            List<CapturedEvent> events;
            try {
                byte[] json = RequestBody.decode(ByteBufUtil.getBytes(request.content()), request.headers().get(HttpHeaderNames.CONTENT_TYPE), null);
                String ip = ((InetSocketAddress) context.channel().remoteAddress()).getAddress().getHostAddress();
                events = EventBatch.read(json, new Arrival(ip, "http://" + request.headers().get(HttpHeaderNames.HOST), Instant.now(), null),
                        knownToken);
            } catch (Rejection rejection) {
                respond(context, HttpResponseStatus.valueOf(rejection.status().getCode()), rejection.reason().getBytes(StandardCharsets.UTF_8), keepAlive);
                return;
            }
            eventLog.append(events).whenComplete((ok, failure) -> {
                if (failure == null) {
                    respond(context, HttpResponseStatus.OK, ACCEPTED, keepAlive);
                } else {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    respond(context, HttpResponseStatus.SERVICE_UNAVAILABLE, String.valueOf(cause.getMessage()).getBytes(StandardCharsets.UTF_8), keepAlive);
                }
            });
        }

        private static void respond(ChannelHandlerContext context, HttpResponseStatus status, byte[] body, boolean keepAlive) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json").setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            if (keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, "keep-alive");
            }
            context.writeAndFlush(response);
        }
    }
}
