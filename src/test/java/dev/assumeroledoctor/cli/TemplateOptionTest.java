package dev.assumeroledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.json.Json;
import org.junit.jupiter.api.Test;

/** diagnose, check and watch show the same IaC section; offline, --template STACK=FILE gives the stack's template. */
class TemplateOptionTest {
    private static final String TEMPLATE = "DeployStack=src/test/resources/iac/deploy-stack.yaml";
    private static final String HEADLINE = "defined in stack DeployStack (DeployRole4B8A12F3), CDK construct DeployStack/DeployRole/Resource";
    private final CliRun cli = new CliRun();

    @Test
    void diagnoseCheckAndWatchShowTheSameSection() {
        assertThat(cli.run("diagnose", "--sample", "events/trust-principal-not-trusted", "--template", TEMPLATE, "--output", "json")).isZero();
        JsonNode diagnosed = Json.readTree(cli.out()).at("/patches/0/iac");
        assertThat(diagnosed.path("headline").asText()).startsWith(HEADLINE);

        assertThat(cli.run("check", "--snapshot", "events/trust-principal-not-trusted", "--principal", "arn:aws:iam::222222222222:user/ci-user",
                "--role", "arn:aws:iam::111111111111:role/deploy-role", "--template", TEMPLATE, "--output", "json")).isEqualTo(CheckCommand.MISMATCH);
        assertThat(Json.readTree(cli.out()).at("/paths/0/report/patches/0/iac")).isEqualTo(diagnosed);

        assertThat(cli.run("watch", "--change", "events/watch-trust-edit.json", "--history", "events/watch-history.json", "--snapshot",
                "events/trust-principal-not-trusted", "--template", TEMPLATE)).isEqualTo(CheckCommand.MISMATCH);
        assertThat(cli.out()).contains("    " + HEADLINE);
    }

    @Test
    void inPlanModeAProposedDocumentIsNotPatchedThroughATemplateThatDoesNotHoldIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path proposed = dir.resolve("trust.json");
        java.nio.file.Files.writeString(proposed, """
                {"Version":"2012-10-17","Statement":[{"Sid":"TrustCiRunner","Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::222222222222:role/ci/ci-runner"},"Action":"sts:AssumeRole"}]}""");
        assertThat(cli.run("check", "--snapshot", "events/trust-principal-not-trusted", "--principal", "arn:aws:iam::222222222222:user/ci-user",
                "--role", "arn:aws:iam::111111111111:role/deploy-role", "--with-trust", "arn:aws:iam::111111111111:role/deploy-role=" + proposed,
                "--template", TEMPLATE, "--output", "json")).isEqualTo(CheckCommand.MISMATCH);
        JsonNode iac = Json.readTree(cli.out()).at("/paths/0/report/patches/0/iac");
        assertThat(iac.path("kind").asText()).isEqualTo("cloudformation");
        assertThat(iac.path("templatePatch").asBoolean()).isFalse();
        assertThat(iac.path("reason").asText()).startsWith("the check's plan proposes this document");
    }

    @Test
    void aMalformedOrLiveTemplateOptionIsAUsageErrorNamingIt() {
        assertThat(cli.run("diagnose", "--sample", "events/trust-principal-not-trusted", "--template", "deploy-stack.yaml")).isEqualTo(252);
        assertThat(cli.err()).contains("--template takes STACK=FILE").contains("deploy-stack.yaml");
        assertThat(cli.run("diagnose", "--event", "events/trust-principal-not-trusted/event.json", "--live", "--template", TEMPLATE)).isEqualTo(252);
        assertThat(cli.err()).contains("--template gives templates offline");
        assertThat(cli.run("diagnose", "--sample", "events/trust-principal-not-trusted", "--template", "DeployStack=events/missing.yaml")).isNotZero();
        assertThat(cli.err()).contains("events/missing.yaml");
    }
}
