package dev.assumeroledoctor.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.JsonReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Patches never turn caller-controlled text into wildcards, never echo secrets, never broaden silently. */
class PatchSafetyTest {
    private final Samples claims = new Samples(Path.of("events/condition-federation-claims"));

    @Test
    void aSubjectWithWildcardCharactersIsAddedAsALiteral() {
        // "IAM policy elements: Variables and tags": ${*} and ${?} are the literal characters
        ObjectNode event = (ObjectNode) claims.event();
        String sub = "repo:acme/app:ref:refs/heads/*";
        ObjectNode identity = (ObjectNode) event.get("detail").get("userIdentity");
        String provider = identity.get("identityProvider").asText();
        identity.put("userName", sub);
        identity.put("principalId", provider + ":sts.amazonaws.com:" + sub);
        JsonNode report = JsonReport.render(claims.diagnose(event));
        JsonNode patch = report.path("patches").get(0);
        assertThat(patch.path("diff").asText()).contains("repo:acme/app:ref:refs/heads/${*}");
        assertThat(report.path("verified").asBoolean()).isTrue();
        assertThat(report.path("broadens").asBoolean()).isFalse();
    }

    @Test
    void aTrustPatchNeverShowsTheExternalIdTheRoleAlreadyRequires() {
        Samples sample = new Samples(Path.of("events/condition-tags"));
        ObjectNode iam = (ObjectNode) Json.readTree(readString(sample, "iam-111111111111.json"));
        ObjectNode statement = (ObjectNode) iam.at("/RoleDetailList/0/AssumeRolePolicyDocument/Statement/0");
        ((ObjectNode) statement.get("Condition")).putObject("StringEquals").put("sts:ExternalId", "keep-me-secret-42")
                .put("aws:PrincipalTag/team", "platform");
        Path dir = copyWith(sample, "iam-111111111111.json", Json.pretty(iam));
        JsonNode report = JsonReport.render(new Samples(dir).diagnose(sample.event()));
        assertThat(Json.compact(report)).doesNotContain("keep-me-secret-42");
        assertThat(report.path("patches").get(0).path("secretsRedacted").asBoolean()).isTrue();
    }

    private static String readString(Samples sample, String file) {
        try {
            return java.nio.file.Files.readString(sample.dir().resolve(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path copyWith(Samples sample, String file, String content) {
        try {
            Path dir = java.nio.file.Files.createTempDirectory("sample");
            try (var files = java.nio.file.Files.list(sample.dir())) {
                for (Path f : files.toList()) {
                    java.nio.file.Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            java.nio.file.Files.writeString(dir.resolve(file), content);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
