package dev.assumeroledoctor.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.CauseId;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs the whole pipeline on the bundled sample, offline. */
class PrimingTest {
    @Test
    void primesOnTheBundledSampleWithoutAws() {
        var report = Priming.prime();
        assertThat(report.diagnosis().has(CauseId.IDENTITY_NO_ALLOW)).isTrue();
        assertThat(report.remediation().verified()).isTrue();
    }

    @Test
    void primesEverySdkClientAgainstALoopbackEndpointOnly() throws Exception {
        JsonNode event = dev.assumeroledoctor.json.Json.readTree(new String(
                PrimingTest.class.getResourceAsStream("/priming/event.json").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        // the inspection's IAM and Organizations calls, CloudTrail LookupEvents, the ledger's DynamoDB Get/Put/UpdateItem,
        // SNS Publish, SSM CreateOpsItem and GetParameter, CloudFormation DescribeStackResources and GetTemplate
        SdkPriming.Primed primed = SdkPriming.prime(event);
        assertThat(primed.answered()).isGreaterThanOrEqualTo(18);
        // the IaC path ran whole: the owner found, the template read, parsed (YAML short forms) and patched, the JSON Patch made
        var plan = primed.withIac().iac().get(0);
        assertThat(plan.kind()).isEqualTo(dev.assumeroledoctor.iac.IacPlan.Kind.CLOUDFORMATION);
        assertThat(plan.templatePatch()).as(plan.reason().orElse("")).isTrue();
        assertThat(plan.jsonPatch().orElseThrow().get(0).path("path").asText()).isEqualTo("/Resources/PrimingUser/Properties/Policies/1");
    }
}
