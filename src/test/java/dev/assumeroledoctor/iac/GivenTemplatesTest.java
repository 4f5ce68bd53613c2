package dev.assumeroledoctor.iac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline, a resource is found in the templates given by the name the template gives it, or by the
 * name CloudFormation generates for an unnamed one ({@code <stack>-<logical id>-<SUFFIX>}, each part
 * possibly shortened; AWS CloudFormation User Guide, "Name type").
 */
class GivenTemplatesTest {
    @TempDir
    Path dir;

    @Test
    void namedGeneratedAndSubstitutedNamesAreFound() throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, """
                Resources:
                  DeployRole4B8A12F3: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {}}}
                  Named: {Type: AWS::IAM::Role, Properties: {RoleName: ops, AssumeRolePolicyDocument: {}}}
                  Subbed: {Type: AWS::IAM::Role, Properties: {RoleName: !Sub "${AWS::StackName}-audit", AssumeRolePolicyDocument: {}}}
                  Boundary: {Type: AWS::IAM::ManagedPolicy, Properties: {ManagedPolicyName: CiBoundary, PolicyDocument: {}}}
                """);
        GivenTemplates given = new GivenTemplates(Map.of("DeployStack", file));
        assertThat(given.owner("111111111111", "DeployStack-DeployRole4B8A12F3-1N4TYH5ELJ2F", "AWS::IAM::Role",
                "DeployStack-DeployRole4B8A12F3-1N4TYH5ELJ2F")).hasValueSatisfying(r -> assertThat(r.logicalId()).isEqualTo("DeployRole4B8A12F3"));
        // CloudFormation shortens a long stack name and logical id to fit the 64 characters of a role name
        assertThat(given.owner("111111111111", "DeploySt-DeployRole-1N4TYH5ELJ2F", "AWS::IAM::Role", "DeploySt-DeployRole-1N4TYH5ELJ2F"))
                .hasValueSatisfying(r -> assertThat(r.logicalId()).isEqualTo("DeployRole4B8A12F3"));
        assertThat(given.owner("111111111111", "ops", "AWS::IAM::Role", "ops")).hasValueSatisfying(r -> assertThat(r.logicalId()).isEqualTo("Named"));
        assertThat(given.owner("111111111111", "DeployStack-audit", "AWS::IAM::Role", "DeployStack-audit"))
                .hasValueSatisfying(r -> assertThat(r.logicalId()).isEqualTo("Subbed"));
        assertThat(given.owner("111111111111", "arn:aws:iam::111111111111:policy/CiBoundary", "AWS::IAM::ManagedPolicy", "CiBoundary"))
                .hasValueSatisfying(r -> assertThat(r.logicalId()).isEqualTo("Boundary"));
        // a hand-made name that merely has hyphens is no generated one; nor is a user a role
        assertThat(given.owner("111111111111", "team-deploy-production1", "AWS::IAM::Role", "team-deploy-production1")).isEmpty();
        assertThat(given.owner("111111111111", "ops", "AWS::IAM::User", "ops")).isEmpty();
    }

    @Test
    void aFileThatCannotBeReadIsNamed() {
        assertThatThrownBy(() -> new GivenTemplates(Map.of("S", dir.resolve("missing.yaml")))).isInstanceOf(TemplateException.class)
                .hasMessageContaining("missing.yaml: cannot be read");
    }
}
