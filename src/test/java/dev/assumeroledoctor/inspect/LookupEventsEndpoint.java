package dev.assumeroledoctor.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.assumeroledoctor.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CloudTrail's {@code LookupEvents} as a local endpoint (moto has no CloudTrail event history):
 * the API's exact JSON 1.1 request and answer shapes, one lookup attribute, the time range,
 * {@code MaxResults} and {@code NextToken} pagination (at most {@link #pageSize} per page), and
 * {@code ThrottlingException} for the first {@link #throttle} requests. Events are served per
 * region (the request's SigV4 scope names it), newest first, as the API does.
 */
public final class LookupEventsEndpoint implements AutoCloseable {
    public final List<ObjectNode> requests = new CopyOnWriteArrayList<>();
    public final List<String> targets = new CopyOnWriteArrayList<>();
    public final List<String> regions = new CopyOnWriteArrayList<>();
    public final AtomicInteger throttle = new AtomicInteger();
    public volatile int pageSize = 50;
    public volatile int refuseWith = 0;
    private final Map<String, List<JsonNode>> byRegion = new ConcurrentHashMap<>();
    private final HttpServer server;
    /* with an organization: which account asks, by its access key (moto's STS knows whose key it is) */
    private volatile java.util.function.Function<String, String> accountOfKey;
    private final Map<String, String> accountByKey = new ConcurrentHashMap<>();

    public LookupEventsEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            ObjectNode request = (ObjectNode) Json.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String region = auth == null ? "" : auth.replaceAll(".*Credential=[^/]+/\\d{8}/([^/]+)/.*", "$1");
            String key = auth == null ? "" : auth.replaceAll(".*Credential=([^/]+)/.*", "$1");
            java.util.function.Function<String, String> accounts = accountOfKey;
            String asking = accounts == null ? null : accountByKey.computeIfAbsent(key, accounts);
            requests.add(request);
            targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            regions.add(region);
            int status = 200;
            JsonNode answer;
            if (refuseWith > 0) {
                status = refuseWith;
                answer = Json.mapper().createObjectNode().put("__type", "AccessDeniedException").put("message", "not authorized");
            } else if (throttle.getAndDecrement() > 0) {
                status = 400;
                answer = Json.mapper().createObjectNode().put("__type", "ThrottlingException").put("message", "Rate exceeded");
            } else {
                // an account's event history holds the events recorded in that account only
                answer = answer(request, byRegion.getOrDefault(region, List.of()).stream()
                        .filter(e -> asking == null || asking.equals(e.path("recipientAccountId").asText())).toList());
            }
            byte[] body = Json.compact(answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Records a CloudTrail record in a region's event history. */
    public void record(String region, JsonNode record) {
        List<JsonNode> events = byRegion.computeIfAbsent(region, r -> new CopyOnWriteArrayList<>());
        events.add(record);
        events.sort(java.util.Comparator.comparing((JsonNode e) -> e.path("eventTime").asText()).reversed());
    }

    /** Serves each account its own events: the asking account is told by moto's STS from the request's access key. */
    public LookupEventsEndpoint perAccount(URI moto) {
        accountOfKey = keyId -> {
            try (software.amazon.awssdk.services.sts.StsClient sts = software.amazon.awssdk.services.sts.StsClient.builder().endpointOverride(moto)
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1).httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(keyId, "moto-ignores-it"))).build()) {
                return sts.getCallerIdentity().account();
            }
        };
        return this;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private JsonNode answer(ObjectNode request, List<JsonNode> events) {
        JsonNode attribute = request.path("LookupAttributes").path(0);
        String key = attribute.path("AttributeKey").asText();
        String value = attribute.path("AttributeValue").asText();
        long start = request.path("StartTime").asLong(0);
        long end = request.path("EndTime").asLong(Long.MAX_VALUE);
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode e : events) {
            long time = Instant.parse(e.path("eventTime").asText()).getEpochSecond();
            String field = switch (key) {
                case "EventName" -> e.path("eventName").asText();
                case "EventSource" -> e.path("eventSource").asText();
                default -> throw new IllegalArgumentException("this endpoint serves EventName and EventSource lookups, not " + key);
            };
            if (field.equals(value) && time >= start && time <= end) {
                matching.add(e);
            }
        }
        int from = request.hasNonNull("NextToken") ? Integer.parseInt(request.get("NextToken").asText().substring(5)) : 0;
        int size = Math.min(request.path("MaxResults").asInt(50), pageSize);
        ObjectNode answer = Json.mapper().createObjectNode();
        ArrayNode out = answer.putArray("Events");
        for (JsonNode e : matching.subList(Math.min(from, matching.size()), Math.min(from + size, matching.size()))) {
            ObjectNode event = out.addObject();
            event.put("EventId", e.path("eventID").asText()).put("EventName", e.path("eventName").asText())
                    .put("ReadOnly", e.path("readOnly").asText("false"))
                    .put("EventTime", Instant.parse(e.path("eventTime").asText()).getEpochSecond())
                    .put("EventSource", e.path("eventSource").asText()).put("CloudTrailEvent", Json.compact(e));
            event.putArray("Resources");
        }
        if (from + size < matching.size()) {
            answer.put("NextToken", "page-" + (from + size));
        }
        return answer;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
