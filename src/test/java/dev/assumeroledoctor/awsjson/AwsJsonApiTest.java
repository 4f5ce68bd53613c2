package dev.assumeroledoctor.awsjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assumeroledoctor.faults.FaultProxy;
import dev.assumeroledoctor.inspect.MotoServer;
import dev.assumeroledoctor.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The signed SSM calls against moto's Systems Manager, through a fault proxy: a signed request
 * moto accepts, a throttled attempt retried, a persistent 500 and a hang failing within the bound.
 */
class AwsJsonApiTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private FaultProxy proxy;
    private AwsJsonApi ssm;

    @BeforeEach
    void parameter() throws Exception {
        MOTO.reset();
        proxy = new FaultProxy(MOTO.endpoint(), 3_000);
        ssm = new AwsJsonApi(AwsJsonApi.SSM, UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(1)).build(), MotoServer.CREDENTIALS,
                "us-east-1", proxy.uri(), Duration.ofSeconds(4));
        ssm.call("PutParameter", Json.mapper().createObjectNode().put("Name", "/jira/credentials").put("Type", "SecureString")
                .put("Value", "bot@example.com:token-123").put("Overwrite", true)); // idempotent: a slow first answer may be retried
    }

    @AfterEach
    void close() {
        proxy.close();
    }

    @Test
    void readsASecureStringDecrypted() {
        assertThat(get().path("Parameter").path("Value").asText()).isEqualTo("bot@example.com:token-123");
    }

    @Test
    void aThrottledAttemptIsRetried() {
        proxy.inject("GetParameter", FaultProxy.Fault.THROTTLE, 1);
        assertThat(get().path("Parameter").path("Value").asText()).isEqualTo("bot@example.com:token-123");
        assertThat(proxy.count("GetParameter")).isEqualTo(2);
    }

    @Test
    void aPersistentServerErrorFailsAfterTheAttemptsWithItsCode() {
        proxy.inject("GetParameter", FaultProxy.Fault.SERVER_ERROR, -1);
        assertThatThrownBy(this::get).isInstanceOf(AwsJsonApi.CallFailed.class).hasMessageContaining("InternalServerError");
        assertThat(proxy.count("GetParameter")).isEqualTo(3);
    }

    @Test
    void aHangFailsWithinTheCallBound() {
        proxy.inject("GetParameter", FaultProxy.Fault.HANG, -1);
        long start = System.nanoTime();
        assertThatThrownBy(this::get).isInstanceOf(AwsJsonApi.CallFailed.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void aRefusalIsNotRetried() {
        proxy.inject("GetParameter", FaultProxy.Fault.ACCESS_DENIED, -1);
        assertThatThrownBy(this::get).hasMessageContaining("AccessDeniedException");
        assertThat(proxy.count("GetParameter")).isEqualTo(1);
    }

    private com.fasterxml.jackson.databind.JsonNode get() {
        return ssm.call("GetParameter", Json.mapper().createObjectNode().put("Name", "/jira/credentials").put("WithDecryption", true));
    }
}
