package dev.assumeroledoctor.awsjson;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * The few calls of AWS JSON-protocol services the function makes (Systems Manager's CreateOpsItem and
 * GetParameter, CloudTrail's LookupEvents, DynamoDB's item calls), as signed JSON requests over the SDK's own HTTP client,
 * signer and credentials: the generated SSM client alone weighed 5.4 MB of the function's jar for
 * two calls, DynamoDB's 2.4 MB for the ledger's four, and the CloudTrail one would have pushed
 * the jar past its 20 MB goal for one. What the
 * SDK client gave is kept: SigV4, the standard endpoint configuration ({@code AWS_ENDPOINT_URL_SSM},
 * {@code AWS_ENDPOINT_URL_CLOUDTRAIL}, {@code AWS_ENDPOINT_URL}), bounded attempts (the HTTP
 * client's timeouts) and a bounded call with retries and jittered backoff for throttling, 5xx
 * answers and broken connections.
 */
public final class AwsJsonApi {
    private static final Set<String> RETRYABLE = Set.of("ThrottlingException", "Throttling", "TooManyRequestsException",
            "RequestLimitExceeded", "InternalServerError", "ServiceUnavailable", "OpsItemLimitExceededException",
            "ProvisionedThroughputExceededException", "InternalServerErrorException");
    /** Systems Manager: OpsItems and parameters. */
    public static final Service SSM = new Service("ssm", "AmazonSSM.", "SSM", "1.1");
    /** CloudTrail: event history. */
    public static final Service CLOUDTRAIL = new Service("cloudtrail", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.", "CLOUDTRAIL",
            "1.1");
    /** DynamoDB: the delivery ledger's item reads and conditional writes. */
    public static final Service DYNAMODB = new Service("dynamodb", "DynamoDB_20120810.", "DYNAMODB", "1.0");
    private static final int ATTEMPTS = 3;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI endpoint;
    private final Duration callTimeout;
    private final Service service;

    /**
     * One JSON 1.1 service.
     *
     * @param signingName  the SigV4 service name, also the endpoint's host prefix
     * @param targetPrefix what {@code X-Amz-Target} carries before the operation
     * @param envSuffix    the service's part of {@code AWS_ENDPOINT_URL_<SUFFIX>}
     * @param jsonVersion  the service's AWS JSON protocol version ({@code application/x-amz-json-<version>})
     */
    public record Service(String signingName, String targetPrefix, String envSuffix, String jsonVersion) {
        /** The standard endpoint: {@code AWS_ENDPOINT_URL_<SUFFIX>}, else {@code AWS_ENDPOINT_URL}, else the region's. */
        public URI endpoint(String region, java.util.Map<String, String> env) {
            return Optional.ofNullable(env.get("AWS_ENDPOINT_URL_" + envSuffix)).or(() -> Optional.ofNullable(env.get("AWS_ENDPOINT_URL")))
                    .map(URI::create)
                    .orElseGet(() -> URI.create("https://" + signingName + "." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : "")));
        }
    }

    public AwsJsonApi(Service service, SdkHttpClient http, AwsCredentialsProvider credentials, String region, URI endpoint, Duration callTimeout) {
        this.service = service;
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
        this.callTimeout = callTimeout;
    }

    /** A refusal or failure, with the code AWS answered. */
    public static final class CallFailed extends RuntimeException {
        private final String code;

        CallFailed(String service, String operation, String code, int status, Throwable cause) {
            super(service + ":" + operation + " failed: " + code + (status > 0 ? " (HTTP " + status + ")" : ""), cause);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** One call, e.g. {@code call("CreateOpsItem", body)} or {@code call("LookupEvents", body)}: the answer's JSON, or {@link CallFailed}. */
    public JsonNode call(String operation, JsonNode body) {
        byte[] payload = Json.compact(body).getBytes(StandardCharsets.UTF_8);
        Instant deadline = Instant.now().plus(callTimeout);
        CallFailed last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return once(operation, payload);
            } catch (CallFailed e) {
                last = e;
                if (!RETRYABLE.contains(e.code()) && !e.code().startsWith("HTTP 5") && !e.code().equals("IOException")) {
                    throw e;
                }
            }
            long backoff = Math.min(2_000, 100L << attempt) + ThreadLocalRandom.current().nextLong(100);
            if (attempt == ATTEMPTS || Instant.now().plusMillis(backoff).isAfter(deadline)) {
                break;
            }
            sleep(backoff);
        }
        throw last;
    }

    private JsonNode once(String operation, byte[] payload) {
        SdkHttpRequest request = SdkHttpRequest.builder().uri(endpoint).method(SdkHttpMethod.POST)
                .putHeader("Content-Type", "application/x-amz-json-" + service.jsonVersion()).putHeader("X-Amz-Target", service.targetPrefix() + operation)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials()).request(request)
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName()).putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpExecuteResponse response;
        byte[] answer;
        try {
            response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
                answer = in.readAllBytes();
            }
        } catch (IOException | UncheckedIOException e) {
            throw new CallFailed(service.signingName(), operation, "IOException", 0, e);
        }
        int status = response.httpResponse().statusCode();
        JsonNode json = answer.length == 0 ? Json.mapper().createObjectNode() : parse(answer);
        if (status / 100 == 2) {
            return json;
        }
        String type = json.path("__type").asText(response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse("HTTP " + status));
        String code = type.contains("#") ? type.substring(type.indexOf('#') + 1) : type;
        throw new CallFailed(service.signingName(), operation, code.contains(":") ? code.substring(0, code.indexOf(':')) : code, status, null);
    }

    private static JsonNode parse(byte[] answer) {
        try {
            return Json.readTree(new String(answer, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Json.mapper().createObjectNode();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between two attempts of an AWS call", e);
        }
    }
}
