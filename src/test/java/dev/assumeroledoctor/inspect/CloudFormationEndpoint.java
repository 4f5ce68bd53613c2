package dev.assumeroledoctor.inspect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * CloudFormation in front of moto. moto answers {@code DescribeStackResources} by stack name only;
 * by {@code PhysicalResourceId} this endpoint answers it from moto's own stacks, in the asking
 * account (moto tells it by the request's access key) and region (the SigV4 scope), with the API's
 * awsQuery XML: every resource of the stack that holds the resource, or the {@code ValidationError}
 * "Stack for … does not exist". Every other call goes to moto as it came. Each request's form is
 * recorded, so tests assert the exact request the inspector sends.
 */
public final class CloudFormationEndpoint implements AutoCloseable {
    public final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    public volatile boolean refuse;
    private final URI moto;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    public CloudFormationEndpoint(URI moto) throws IOException {
        this.moto = moto;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        String auth = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
        form.put("_region", auth.replaceAll(".*Credential=[^/]+/\\d{8}/([^/]+)/.*", "$1"));
        requests.add(form);
        if (refuse) {
            answer(exchange, 403, "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform: "
                    + "cloudformation:" + form.get("Action") + "</Message></Error><RequestId>r</RequestId></ErrorResponse>");
            return;
        }
        if ("DescribeStackResources".equals(form.get("Action")) && form.containsKey("PhysicalResourceId")) {
            describeByPhysicalId(exchange, form, auth.replaceAll(".*Credential=([^/]+)/.*", "$1"));
            return;
        }
        HttpRequest.Builder forward = HttpRequest.newBuilder(moto.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!List.of("host", "content-length", "connection", "expect").contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> forward.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            exchange.getResponseHeaders().add("Content-Type", response.headers().firstValue("Content-Type").orElse("text/xml"));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length);
            exchange.getResponseBody().write(response.body());
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private void describeByPhysicalId(HttpExchange exchange, Map<String, String> form, String keyId) throws IOException {
        String physicalId = form.get("PhysicalResourceId");
        try (CloudFormationClient cfn = CloudFormationClient.builder().endpointOverride(moto).region(Region.of(form.get("_region")))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, "moto-ignores-it"))).build()) {
            for (var summary : cfn.listStacks().stackSummaries()) {
                if (summary.stackStatus() == StackStatus.DELETE_COMPLETE) {
                    continue;
                }
                List<StackResource> resources = cfn.describeStackResources(r -> r.stackName(summary.stackName())).stackResources();
                if (resources.stream().anyMatch(r -> physicalId.equals(r.physicalResourceId()))) {
                    StringBuilder xml = new StringBuilder("<DescribeStackResourcesResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                            + "<DescribeStackResourcesResult><StackResources>");
                    for (StackResource r : resources) {
                        xml.append("<member><StackName>").append(escape(summary.stackName())).append("</StackName><StackId>")
                                .append(escape(summary.stackId())).append("</StackId><LogicalResourceId>").append(escape(r.logicalResourceId()))
                                .append("</LogicalResourceId><PhysicalResourceId>").append(escape(r.physicalResourceId()))
                                .append("</PhysicalResourceId><ResourceType>").append(escape(r.resourceType()))
                                .append("</ResourceType><Timestamp>2026-12-01T00:00:00Z</Timestamp><ResourceStatus>CREATE_COMPLETE</ResourceStatus></member>");
                    }
                    answer(exchange, 200, xml.append("</StackResources></DescribeStackResourcesResult><ResponseMetadata><RequestId>r</RequestId>"
                            + "</ResponseMetadata></DescribeStackResourcesResponse>").toString());
                    return;
                }
            }
        }
        answer(exchange, 400, "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack for " + escape(physicalId)
                + " does not exist</Message></Error><RequestId>r</RequestId></ErrorResponse>");
    }

    private static void answer(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
