package dev.assumeroledoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.Samples;
import org.junit.jupiter.api.Test;

/** The JSON report's names say what they hold: {@code principalArn} only ever an ARN; a federated caller's subject and provider apart. */
class RequestFieldsTest {
    @Test
    void everySamplesPrincipalArnIsAnArnAndAFederatedCallerHasItsSubjectAndProvider() throws Exception {
        int federated = 0;
        for (Samples sample : Samples.all().toList()) {
            JsonNode request = JsonReport.render(sample.diagnose(sample.event())).path("request");
            if (request.isMissingNode()) {
                continue;
            }
            if (request.has("principalArn")) {
                assertThat(request.path("principalArn").asText()).as(sample.name()).startsWith("arn:");
            }
            String type = request.path("callerType").asText();
            if (type.equals("WebIdentityUser") || type.equals("SAMLUser")) {
                federated++;
                assertThat(request.has("principalArn")).as(sample.name()).isFalse();
                assertThat(request.path("subject").asText()).as(sample.name()).isNotBlank();
                assertThat(request.path("providerArn").asText()).as(sample.name()).matches("arn:aws:iam::\\d{12}:(oidc|saml)-provider/.+");
            }
        }
        assertThat(federated).as("samples with a federated caller").isGreaterThanOrEqualTo(2);
    }

}
