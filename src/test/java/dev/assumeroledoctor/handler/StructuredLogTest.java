package dev.assumeroledoctor.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.logging.LogCapture;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.StdoutSink;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The function's JSON log lines (log4j-core through AWS's Lambda appender, in the template's JSON log format): the request id,
 * {@code cold_start}, {@code service} on every line, and the outcome's facts as fields.
 */
class StructuredLogTest {
    @Test
    void everyLineCarriesTheInvocationKeysAndTheOutcomeLineItsFacts() throws Exception {
        String log;
        try (LogCapture capture = new LogCapture()) {
            Samples sample = new Samples(Path.of("events/scp-explicit-deny"));
            Snapshot snapshot = sample.snapshot();
            DiagnosisHandler handler = new DiagnosisHandler(new DiagnosisService(e -> snapshot),
                    new DiagnosisDelivery(List.of(new StdoutSink(new PrintStream(OutputStream.nullOutputStream()))), Optional.empty()));
            for (String requestId : List.of("req-1", "req-2")) {
                handler.handleRequest(new ByteArrayInputStream(Json.compact(sample.event()).getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(), context(requestId));
            }
            log = capture.text();
        }
        List<JsonNode> lines = new ArrayList<>();
        log.lines().filter(l -> l.startsWith("{")).map(Json::readTree)
                .filter(l -> l.path("logger").asText().endsWith("EventPipeline")).forEach(lines::add);
        assertThat(lines).hasSize(2);
        JsonNode first = lines.get(0);
        assertThat(first.path("function_request_id").asText()).isEqualTo("req-1");
        assertThat(first.path("AWSRequestId").asText()).isEqualTo("req-1");
        assertThat(first.path("cold_start").asText()).isEqualTo("true");
        assertThat(first.path("service").asText()).isEqualTo("assume-role-doctor");
        assertThat(first.path("outcome").asText()).isEqualTo("delivered");
        assertThat(first.path("verdict").asText()).isEqualTo("EXPLICIT_DENY");
        assertThat(first.path("causes").asText()).isEqualTo("SCP_EXPLICIT_DENY");
        assertThat(first.path("event_id").asText()).isNotBlank();
        assertThat(first.path("caller_account").asText()).isEqualTo("222222222222");
        assertThat(first.path("role_account").asText()).isEqualTo("111111111111");
        assertThat(first.path("role_arn").asText()).isEqualTo("arn:aws:iam::111111111111:role/deploy-role");
        assertThat(lines.get(1).path("cold_start").asText()).isEqualTo("false");
        assertThat(lines.get(1).path("function_request_id").asText()).isEqualTo("req-2");
        assertThat(dev.assumeroledoctor.pipeline.LogContext.traceId("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"))
                .contains("1-5759e988-bd862e3fe1be46a994272793");
    }

    private static Context context(String requestId) {
        return new Context() {
            public String getAwsRequestId() {
                return requestId;
            }

            public String getLogGroupName() {
                return "/aws/lambda/test";
            }

            public String getLogStreamName() {
                return "stream";
            }

            public String getFunctionName() {
                return "test";
            }

            public String getFunctionVersion() {
                return "1";
            }

            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:us-east-1:123456789012:function:test:live";
            }

            public CognitoIdentity getIdentity() {
                return null;
            }

            public ClientContext getClientContext() {
                return null;
            }

            public int getRemainingTimeInMillis() {
                return 60_000;
            }

            public int getMemoryLimitInMB() {
                return 1024;
            }

            public LambdaLogger getLogger() {
                return null;
            }
        };
    }
}
