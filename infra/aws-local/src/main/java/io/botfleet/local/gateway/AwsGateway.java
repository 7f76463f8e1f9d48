package io.botfleet.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.botfleet.local.PhysicalResource;
import io.botfleet.local.ResourceProvisioner;
import io.botfleet.local.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for AWS's front door: every SDK call of a function goes through it. It identifies the caller
 * by access key, authorizes the call against the function's role as SAM generates it, records what was used,
 * makes moto's DynamoDB writes atomic, enforces SQS's size limits, injects faults on demand, and forwards the rest
 * unchanged to moto or (SQS) ElasticMQ.
 */
public final class AwsGateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AwsGateway.class);
    /** Headers the forwarding client sets itself (and java.net.http refuses to take from the caller). */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "content-length", "expect", "host", "upgrade", "transfer-encoding", "keep-alive", "date");

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient http;
    private final URI moto;
    private final URI sqs;
    private final JsonNode cloudFormation;
    private final Map<String, String> parameters;
    private final Callers callers = new Callers();
    private final Faults faults = new Faults();
    private final DynamoWriteLocks writeLocks = new DynamoWriteLocks();
    private final IamReport report;
    private volatile Authorization authorization;
    private software.amazon.awssdk.services.s3.S3Client motoS3;
    /** Who hears of objects S3 created: the local stand-in for bucket notifications (moto notifies only its own SQS). */
    private final List<java.util.function.Consumer<ObjectCreated>> objectListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The local WebSocket APIs' own endpoints, by API logical id: where management calls go once authorized. */
    private final Map<String, URI> webSocketApis = new java.util.concurrent.ConcurrentHashMap<>();
    /** Each bucket's CORS configuration by bucket name, as deployed: moto keeps none, so the gateway answers from it. */
    private volatile Map<String, S3Cors> bucketCors = Map.of();

    /** What requests are checked against: the resolved policies and the secrets' ARNs by name. */
    private record Authorization(IamPolicies policies, Map<String, String> secretArns) {}

    private AwsGateway(HttpServer server, ExecutorService executor, URI moto, URI sqs, SamTemplate template) {
        this.server = server;
        this.executor = executor;
        this.moto = moto;
        this.sqs = sqs;
        this.cloudFormation = SamTranslation.translate(template);
        this.parameters = template.parameterDefaults();
        this.report = new IamReport(this::policies);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Starts on a free loopback port, forwarding SQS to {@code sqs} and everything else to {@code moto}. */
    public static AwsGateway start(URI moto, URI sqs, SamTemplate template) {
        // Without TCP_NODELAY the JDK server's separate header and body writes cost a delayed-ACK round trip on
        // every call (measured: ~1 ms more per call). The JDK reads this once, when its first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            AwsGateway gateway = new AwsGateway(server, executor, moto, sqs, template);
            server.createContext("/", gateway::handle);
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the AWS gateway", e);
        }
    }

    /** Re-resolves the policies against what the stack (re)created: a secret's ARN changes when it is recreated. */
    public void provisioned(Map<String, PhysicalResource> resources) {
        Map<String, String> secretArns = resources.values().stream()
                .filter(r -> r.type().equals(ResourceProvisioner.SECRET))
                .collect(Collectors.toUnmodifiableMap(PhysicalResource::logicalId, PhysicalResource::ref));
        authorization = new Authorization(IamPolicies.resolve(cloudFormation, parameters, resources), secretArns);
    }

    /** Management calls for {@code apiId} ({@code /{apiId}/{stage}/@connections/...}) go to {@code endpoint} once authorized. */
    public void serveWebSocketApi(String apiId, URI endpoint) {
        webSocketApis.put(apiId, endpoint);
    }

    public void stopServingWebSocketApi(String apiId) {
        webSocketApis.remove(apiId);
    }

    /** The buckets' CORS configurations (by bucket name) from now on; a bucket not named has none. */
    public void serveBucketCors(Map<String, S3Cors> byBucket) {
        bucketCors = Map.copyOf(byBucket);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The function's role credentials, stable for the gateway's life. */
    public RoleCredentials credentialsFor(String functionLogicalId) {
        return callers.credentialsFor(functionLogicalId, policies().role(functionLogicalId).name());
    }

    /**
     * {@code listener} hears of every object created through the gateway (S3 PUT, copy, completed multipart upload,
     * presigned or not), after S3 answered, as S3 sends its notifications.
     */
    public void onObjectCreated(java.util.function.Consumer<ObjectCreated> listener) {
        objectListeners.add(listener);
    }

    public void removeObjectListener(java.util.function.Consumer<ObjectCreated> listener) {
        objectListeners.remove(listener);
    }

    public IamPolicies policies() {
        Authorization current = authorization;
        if (current == null) {
            throw new IllegalStateException("no resources provisioned yet");
        }
        return current.policies();
    }

    public IamReport report() {
        return report;
    }

    public Faults faults() {
        return faults;
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            if (exchange.getRequestMethod().equals("OPTIONS")) {
                // only browsers send OPTIONS, unsigned: S3's CORS preflight, answered from the bucket's configuration
                Headers h = exchange.getRequestHeaders();
                reply(exchange, S3Cors.preflight(bucketCors.get(S3Requests.objectName(exchange.getRequestURI().getRawPath()).bucket()),
                        h.getFirst("Origin"), h.getFirst("Access-Control-Request-Method"), h.getFirst("Access-Control-Request-Headers")));
                return;
            }
            AwsCall call = AwsCall.of(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes());
            Protocol protocol = Protocol.of(call.service());
            if (protocol == Protocol.S3) {
                // S3 adds them to every answer to an allowed origin, errors too, so the browser can read the status
                S3Cors cors = bucketCors.get(S3Requests.objectName(call).bucket());
                if (cors != null) {
                    cors.actualRequestHeaders(call.headers().getFirst("Origin"), call.method())
                            .forEach(exchange.getResponseHeaders()::set);
                }
            }
            try {
                Callers.Caller caller = callers.caller(call.accessKeyId());
                if (caller == null || (caller.sessionToken() != null && !caller.sessionToken().equals(call.sessionToken()))) {
                    log.warn("AWS gateway: unrecognized credentials (access key {}) for {} {}",
                            call.accessKeyId(), call.service(), call.rawPath());
                    reply(exchange, protocol.error(AwsError.UNRECOGNIZED_CLIENT, protocol == Protocol.S3
                            ? "The AWS Access Key Id you provided does not exist in our records."
                            : "The security token included in the request is invalid."));
                    return;
                }
                Authorization current = authorization;
                List<Access> accesses = protocol.accesses(call, current == null ? Map.of() : current.secretArns());
                ErrorResponse refusal = refusal(call, protocol, caller.principal(), accesses);
                if (refusal != null) {
                    reply(exchange, refusal);
                } else {
                    int status = forward(exchange, call, protocol, accesses);
                    if (protocol == Protocol.S3 && status == 200) {
                        exchange.close();
                        created(call, caller.principal(), exchange.getRemoteAddress().getAddress().getHostAddress());
                    }
                }
            } catch (RuntimeException e) {
                log.error("AWS gateway failed on {} {}", call.method(), call.rawPath(), e);
                reply(exchange, protocol.error(AwsError.INTERNAL_ERROR, "local AWS gateway: " + e));
            }
        } catch (IOException e) {
            log.debug("client went away", e);
        }
    }

    /** The error AWS would answer instead of doing the call, or null when the call goes ahead. */
    private ErrorResponse refusal(AwsCall call, Protocol protocol, Principal principal, List<Access> accesses) {
        if (!principal.admin()) {
            IamPolicies policies = policies();
            for (Access access : accesses) {
                Decision decision = policies.evaluate(principal.function(), access.action(), access.resource());
                report.record(principal, access, decision);
                if (!decision.allowed()) {
                    log.warn("IAM denied: {} {} on {}", principal.arn(), access.action(), access.resource());
                    return protocol.error(AwsError.ACCESS_DENIED, "User: " + principal.arn() + " is not authorized to perform: "
                            + access.action() + " on resource: " + access.resource() + " " + decision.reason(access.action()));
                }
            }
        }
        if (faults.failsNow(accesses)) {
            log.info("AWS gateway: injected failure of {}", accesses);
            return protocol.error(AwsError.INTERNAL_ERROR, "Injected failure (local AWS gateway fault injection)");
        }
        if (protocol == Protocol.SQS) {
            SqsPayloadLimits.Violation violation = SqsPayloadLimits.check(call.target(), call.json());
            if (violation != null) {
                return protocol.error(violation.error(), violation.message());
            }
        }
        return null;
    }

    /** Tells the listeners of an object a successful S3 call created, with its size and ETag as S3 now has them. */
    private void created(AwsCall call, Principal principal, String sourceIp) {
        String event = S3Requests.createdEvent(call);
        if (event == null || objectListeners.isEmpty()) {
            return;
        }
        S3Requests.ObjectName object = S3Requests.objectName(call);
        try {
            var head = motoS3().headObject(b -> b.bucket(object.bucket()).key(object.key()));
            ObjectCreated created = new ObjectCreated(object.bucket(), object.key(), head.contentLength(),
                    head.eTag().replace("\"", ""), event,
                    principal.admin() ? "AWS:local" : "AWS:" + principal.role() + ":" + principal.function(), sourceIp);
            objectListeners.forEach(listener -> listener.accept(created));
        } catch (RuntimeException e) {
            log.warn("could not describe the object {} for its notification", call.rawPath(), e);
        }
    }

    /** moto's S3 as the stack's admin, for what notifications say of an object (its size and ETag). */
    private synchronized software.amazon.awssdk.services.s3.S3Client motoS3() {
        if (motoS3 == null) {
            motoS3 = software.amazon.awssdk.services.s3.S3Client.builder().endpointOverride(moto)
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1).forcePathStyle(true)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                    .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                    .build();
        }
        return motoS3;
    }

    /** @return the status the target answered */
    private int forward(HttpExchange exchange, AwsCall call, Protocol protocol, List<Access> accesses) throws IOException {
        URI target = protocol == Protocol.EXECUTE_API ? webSocketApiTarget(call)
                : URI.create((protocol == Protocol.SQS ? sqs : moto).toString() + call.pathAndQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(target).method(call.method(), call.body().length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        call.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        if (protocol == Protocol.DYNAMODB && DynamoDbRequests.WRITES.contains(call.target())) {
            try (DynamoWriteLocks.Held held = writeLocks.lock(accesses.stream().map(Access::resource).toList())) {
                return relay(exchange, call, send(request.build()));
            }
        }
        if (protocol == Protocol.LOGS) {
            JsonFilterPattern pattern;
            try {
                pattern = LogsRequests.jsonPattern(call.target(), call.json());
            } catch (IllegalArgumentException e) {
                reply(exchange, protocol.error(AwsError.INVALID_PARAMETER, "Invalid filter pattern (local stack): " + e.getMessage()));
                return 400;
            }
            if (pattern != null) {
                return relayFiltered(exchange, send(request.build()), pattern);
            }
        }
        return relay(exchange, call, send(request.build()));
    }

    private URI webSocketApiTarget(AwsCall call) {
        ManageConnectionsRequests.Target t = ManageConnectionsRequests.target(call.rawPath());
        URI api = webSocketApis.get(t.apiId());
        if (api == null) {
            throw new IllegalStateException("no local WebSocket API " + t.apiId() + " is running");
        }
        return URI.create(api + t.stagePath());
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
    }

    private static int relay(HttpExchange exchange, AwsCall call, HttpResponse<InputStream> response) throws IOException {
        Headers out = exchange.getResponseHeaders();
        // moto echoes any Origin back; S3's CORS answers are the gateway's, from the bucket's configuration
        boolean s3 = "s3".equals(call.service());
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase();
            if (!HOP_BY_HOP.contains(lower) && !(s3 && (lower.startsWith("access-control-") || lower.equals("vary")))) {
                out.put(name, values);
            }
        });
        long length = response.headers().firstValueAsLong("content-length").orElse(-1);
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (call.method().equals("HEAD")) {
                // HEAD answers describe the object's length without a body: the server must not count one
                if (length >= 0) {
                    out.set("Content-Length", Long.toString(length));
                }
                exchange.sendResponseHeaders(status, -1);
            } else if (length == 0 || status == 204 || status == 304) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, Math.max(length, 0));
                body.transferTo(exchange.getResponseBody());
            }
        }
        return status;
    }

    /** A FilterLogEvents answer with only the events a JSON filter pattern matches, which moto does not check. */
    private static int relayFiltered(HttpExchange exchange, HttpResponse<InputStream> response, JsonFilterPattern pattern) throws IOException {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readAllBytes();
        }
        int status = response.statusCode();
        if (status == 200) {
            body = LogsRequests.filtered(body, pattern);
        }
        exchange.getResponseHeaders().set("Content-Type", response.headers().firstValue("content-type").orElse("application/x-amz-json-1.1"));
        response.headers().firstValue("x-amzn-requestid").ifPresent(id -> exchange.getResponseHeaders().set("x-amzn-RequestId", id));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        return status;
    }

    private static void reply(HttpExchange exchange, ErrorResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        exchange.getResponseBody().write(response.body());
    }

    @Override
    public void close() {
        synchronized (this) {
            if (motoS3 != null) {
                motoS3.close();
            }
        }
        server.stop(0);
        executor.shutdownNow();
        http.close();
    }
}
