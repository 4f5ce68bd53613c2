package dev.assumeroledoctor.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A malformed value in a snapshot file is an error naming the file and the place — never read as
 * something else: a role ARN given as a number would otherwise match no role and give a certain
 * ROLE_NOT_FOUND; a MaxSessionDuration that is not a whole number of seconds (3600 to 43200,
 * "CreateRole" API reference) or a CreateDate that is not a date, a wrong duration or age.
 */
class StrictFieldsTest {
    private static final Path IAM = Path.of("events/identity-no-allow/iam-111111111111.json");
    private static final Path ORG = Path.of("events/identity-no-allow/org.json");

    @Test
    void malformedIamValuesNameTheFileAndThePlace() throws Exception {
        assertThat(iamError(role -> role.put("Arn", 111111111111L))).contains("iam.json").contains("RoleDetailList[0].Arn: must be a string, not number");
        assertThat(iamError(role -> role.put("Arn", "deploy-role"))).contains("RoleDetailList[0].Arn: \"deploy-role\" is not an ARN");
        assertThat(iamError(role -> role.put("MaxSessionDuration", "3600"))).contains("RoleDetailList[0].MaxSessionDuration: must be a whole number from 3600 to 43200");
        assertThat(iamError(role -> role.put("MaxSessionDuration", 3600.5))).contains("MaxSessionDuration: must be a whole number");
        assertThat(iamError(role -> role.put("MaxSessionDuration", 100_000))).contains("MaxSessionDuration: must be a whole number");
        assertThat(iamError(role -> role.put("CreateDate", "last tuesday"))).contains("RoleDetailList[0].CreateDate: \"last tuesday\" is not a date");
        assertThat(iamError(role -> role.put("RoleId", 42))).contains("RoleDetailList[0].RoleId: must be a string, not number");
    }

    @Test
    void malformedOrganizationValuesNameTheFileAndThePlace() throws Exception {
        ObjectNode org = (ObjectNode) Json.readTree(Files.readString(ORG));
        ((ObjectNode) org.get("Organization")).put("MasterAccountId", 999999999999L);
        assertThatThrownBy(() -> OrganizationFileReader.read(org, "org.json")).hasMessageContaining("org.json: Organization.MasterAccountId: must be a string");
        ObjectNode org2 = (ObjectNode) Json.readTree(Files.readString(ORG));
        ((ObjectNode) org2.get("Accounts")).set("not-an-account", Json.readTree("{\"Path\":[\"r-ab12\"]}"));
        assertThatThrownBy(() -> OrganizationFileReader.read(org2, "org.json")).hasMessageContaining("Accounts.not-an-account: the key must be a 12-digit account id");
    }

    @Test
    void wellFormedFilesStillRead() throws Exception {
        assertThat(AuthorizationDetailsReader.read(Json.readTree(Files.readString(IAM)), "iam.json").rolesByArn()).isNotEmpty();
    }

    private static String iamError(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) Json.readTree(Files.readString(IAM));
        edit.accept((ObjectNode) root.get("RoleDetailList").get(0));
        try {
            AuthorizationDetailsReader.read(root, "iam.json");
        } catch (SnapshotException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + Json.compact(root.get("RoleDetailList").get(0)));
    }
}
