package dev.assumeroledoctor.handler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback endpoint that answers every AWS call the function makes as AWS would, with nothing
 * behind it: STS with credentials and an identity, IAM "no such entity", Organizations "not in
 * use", SNS a message id, DynamoDB and SSM an empty success, CloudTrail no events. SnapStart priming runs the SDK clients
 * against it; tests measure the clients' own footprint against it.
 */
public final class LoopbackAws implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "loopback-aws");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger answered = new AtomicInteger();

    private LoopbackAws() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(pool);
        server.createContext("/", this::answer);
        server.start();
    }

    public static LoopbackAws start() throws IOException {
        return new LoopbackAws();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How many requests it has answered. */
    public int answered() {
        return answered.get();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    /* What AWS would answer: STS with credentials, IAM and Organizations as PrimingAnswers says (else "no such entity", "not in use"), the rest an empty success. */
    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            int status = 200;
            String type = "text/xml";
            String text;
            String action = body.contains("Action=") ? body.replaceAll("(?s).*?Action=([A-Za-z]+).*", "$1") : "";
            if (target.startsWith("AWSOrganizations")) {
                type = "application/x-amz-json-1.1";
                var known = PrimingAnswers.organizations(target);
                status = known.isPresent() ? 200 : 400;
                text = known.orElse("{\"__type\":\"AWSOrganizationsNotInUseException\",\"message\":\"priming\"}");
            } else if (PrimingAnswers.cloudFormation(action, body).isPresent()) {
                text = PrimingAnswers.cloudFormation(action, body).get();
            } else if (PrimingAnswers.iam(action).isPresent()) {
                text = PrimingAnswers.iam(action).get();
            } else if (target.startsWith("com.amazonaws.cloudtrail")) {
                type = "application/x-amz-json-1.1";
                text = "{\"Events\":[]}";
            } else if (target.startsWith("DynamoDB") || target.startsWith("AmazonSSM")) {
                type = "application/x-amz-json-1.0";
                text = "{}";
            } else if (body.contains("Action=GetCallerIdentity")) {
                text = "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:sts::123456789012:assumed-role/priming/priming</Arn>"
                        + "<UserId>AROAPRIMING:priming</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>";
            } else if (body.contains("Action=AssumeRole")) {
                text = "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAPRIMING</AccessKeyId><SecretAccessKey>priming</SecretAccessKey>"
                        + "<SessionToken>priming</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser>"
                        + "<Arn>arn:aws:sts::123456789012:assumed-role/priming/priming</Arn><AssumedRoleId>AROAPRIMING:priming</AssumedRoleId>"
                        + "</AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>";
            } else if (body.contains("Action=Publish")) {
                text = "<PublishResponse><PublishResult><MessageId>priming</MessageId></PublishResult></PublishResponse>";
            } else {
                status = 404;
                text = "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>priming</Message></Error></ErrorResponse>";
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            answered.incrementAndGet();
        }
    }
}
