package dev.assumeroledoctor.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.AccountSnapshot;
import dev.assumeroledoctor.snapshot.AuthorizationDetailsReader;
import dev.assumeroledoctor.snapshot.OrganizationFileReader;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A hand-made world for one test: per-account IAM in the offline format (roles, users, managed
 * policies as {@code get-account-authorization-details} prints them), an optional organization,
 * and CloudTrail records shaped like the real ones of {@code ../shared/real-events/}.
 */
public final class Scenario {
    private final Map<String, ObjectNode> iam = new LinkedHashMap<>();
    private Optional<JsonNode> org = Optional.empty();

    public Scenario role(String arn, String trustJson) {
        return role(arn, trustJson, Map.of());
    }

    public Scenario role(String arn, String trustJson, Map<String, String> extra) {
        ObjectNode role = Json.mapper().createObjectNode();
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        role.put("Path", "/").put("RoleName", name).put("RoleId", "AROA" + Math.abs(arn.hashCode())).put("Arn", arn)
                .put("CreateDate", "2023-01-10T09:00:00Z");
        role.set("AssumeRolePolicyDocument", Json.readTree(trustJson));
        role.putArray("RolePolicyList");
        role.putArray("AttachedManagedPolicies");
        role.putArray("Tags");
        extra.forEach((k, v) -> role.set(k, Json.readTree(v)));
        account(arn).withArray("RoleDetailList").add(role);
        return this;
    }

    /** @param inlineAllowJson an inline policy document, or null for none */
    public Scenario user(String arn, String inlineAllowJson, Map<String, String> extra) {
        ObjectNode user = Json.mapper().createObjectNode();
        user.put("Path", "/").put("UserName", arn.substring(arn.lastIndexOf('/') + 1)).put("UserId", "AIDA" + Math.abs(arn.hashCode()))
                .put("Arn", arn).put("CreateDate", "2023-01-10T09:00:00Z");
        ArrayNode inline = user.putArray("UserPolicyList");
        if (inlineAllowJson != null) {
            inline.addObject().put("PolicyName", "inline").set("PolicyDocument", Json.readTree(inlineAllowJson));
        }
        user.putArray("GroupList");
        user.putArray("AttachedManagedPolicies");
        user.putArray("Tags");
        extra.forEach((k, v) -> user.set(k, Json.readTree(v)));
        account(arn).withArray("UserDetailList").add(user);
        return this;
    }

    public Scenario managedPolicy(String arn, String documentJson) {
        ObjectNode policy = account(arn).withArray("Policies").addObject();
        policy.put("PolicyName", arn.substring(arn.lastIndexOf('/') + 1)).put("Arn", arn).put("DefaultVersionId", "v1")
                .put("AttachmentCount", 1).put("IsAttachable", true);
        policy.putArray("PolicyVersionList").addObject().put("VersionId", "v1").put("IsDefaultVersion", true)
                .set("Document", Json.readTree(documentJson));
        return this;
    }

    public Scenario samlProvider(String arn) {
        account(arn).withArray("SAMLProviderList").addObject().put("Arn", arn);
        return this;
    }

    public Scenario oidcProvider(String arn, String... audiences) {
        ObjectNode provider = account(arn).withArray("OpenIDConnectProviderList").addObject();
        provider.put("Arn", arn).put("Url", arn.substring(arn.indexOf("oidc-provider/") + 14));
        ArrayNode clients = provider.putArray("ClientIDList");
        for (String aud : audiences) {
            clients.add(aud);
        }
        return this;
    }

    public Scenario organization(String orgJson) {
        org = Optional.of(Json.readTree(orgJson));
        return this;
    }

    /** The IAM file of one account, for tests that edit it further. */
    public ObjectNode iamOf(String accountId) {
        return iam.computeIfAbsent(accountId, a -> emptyIam());
    }

    public Snapshot snapshot() {
        Map<String, AccountSnapshot> accounts = new LinkedHashMap<>();
        iam.forEach((account, json) -> accounts.put(account, AuthorizationDetailsReader.read(json, "iam-" + account + ".json",
                Optional.of(account))));
        return new Snapshot(accounts, org.map(o -> OrganizationFileReader.read(o, "org.json")));
    }

    public Report diagnose(JsonNode event) {
        Snapshot snapshot = snapshot();
        return new DiagnosisService(e -> snapshot).diagnose(event);
    }

    public Report.Diagnosed diagnosed(JsonNode event) {
        return (Report.Diagnosed) diagnose(event);
    }

    /** The two forms a record takes, for parameterized tests: {@code @MethodSource("dev.assumeroledoctor.scenario.Scenario#forms")}. */
    public static java.util.stream.Stream<String> forms() {
        return java.util.stream.Stream.of("recorded", "null requestParameters");
    }

    /** The event in one of {@link #forms()}. */
    public static JsonNode form(String form, JsonNode event) {
        return form.equals("recorded") ? event : realistic(event);
    }

    /** The same record as real failures log it: requestParameters null, no resources. */
    public static JsonNode realistic(JsonNode event) {
        return Samples.realistic(event);
    }

    /** An EventBridge event around one failed CloudTrail record. */
    public static ObjectNode event(String eventName, String errorMessage, String userIdentityJson, String requestParametersJson,
                                   String recipientAccount) {
        ObjectNode detail = Json.mapper().createObjectNode();
        detail.put("eventVersion", "1.08");
        detail.set("userIdentity", Json.readTree(userIdentityJson));
        detail.put("eventTime", "2026-11-30T10:00:00Z").put("eventSource", "sts.amazonaws.com").put("eventName", eventName)
                .put("awsRegion", "eu-west-1").put("sourceIPAddress", "198.51.100.7").put("userAgent", "aws-cli/2.15.30")
                .put("errorCode", "AccessDenied").put("errorMessage", errorMessage);
        detail.set("requestParameters", requestParametersJson == null ? null : Json.readTree(requestParametersJson));
        detail.putNull("responseElements");
        detail.put("eventID", "11111111-2222-4333-8444-" + String.format("%012d", Math.abs((long) errorMessage.hashCode())))
                .put("readOnly", true).put("eventType", "AwsApiCall").put("managementEvent", true)
                .put("recipientAccountId", recipientAccount).put("eventCategory", "Management");
        return envelope(detail, recipientAccount);
    }

    /** The EventBridge "AWS API Call via CloudTrail" event that carries a record, as delivered to {@code account}. */
    public static ObjectNode envelope(JsonNode record, String account) {
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("version", "0").put("id", "7bf73129-1428-4cd3-a780-95db273d1602").put("detail-type", "AWS API Call via CloudTrail")
                .put("source", "aws.sts").put("account", account).put("time", "2026-11-30T10:00:00Z").put("region", "eu-west-1");
        envelope.putArray("resources");
        envelope.set("detail", record);
        return envelope;
    }

    private ObjectNode account(String arn) {
        return iamOf(arn.split(":")[4]);
    }

    private static ObjectNode emptyIam() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.putArray("UserDetailList");
        json.putArray("GroupDetailList");
        json.putArray("RoleDetailList");
        json.putArray("Policies");
        return json;
    }
}
