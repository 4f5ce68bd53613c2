package dev.assumeroledoctor.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.policy.PolicyText;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Puts a sample's snapshot into moto through the real IAM and Organizations APIs. moto gives new
 * organization accounts (and OUs, and policies) ids of its own: {@link #accountIds} maps the
 * sample's ids to them, and {@link #rewrite} applies the map to the sample's text.
 */
public final class MotoWorld {
    private final URI endpoint;
    private final StsClient sts;
    public final Map<String, String> accountIds = new LinkedHashMap<>();

    public MotoWorld(URI endpoint) {
        this.endpoint = endpoint;
        this.sts = StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(MotoServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /*
     * Samples that moto cannot reproduce, each for a stated reason:
     * - user permissions boundaries: moto cannot set them (covered by UserBoundaryRequestTest);
     * - insufficient-data: its point is a managed policy the offline snapshot lacks, which moto serves;
     * - role-recently-changed: its point is a role's CreateDate, which moto sets to now.
     */
    private static final java.util.Set<String> NOT_IN_MOTO = java.util.Set.of("boundary-no-allow", "boundary-explicit-deny",
            "insufficient-data", "role-recently-changed");

    /** A sample loaded into moto, with its event rewritten to moto's account ids and to an hour from now. */
    public record Loaded(MotoWorld world, JsonNode event) {
    }

    public static java.util.stream.Stream<dev.assumeroledoctor.diagnosis.Samples> reproducible() throws java.io.IOException {
        return dev.assumeroledoctor.diagnosis.Samples.all().filter(s -> !NOT_IN_MOTO.contains(s.name()));
    }

    /** Loads the sample's organization and IAM files through the APIs; moto stamps roles with today's CreateDate. */
    public static Loaded load(URI endpoint, dev.assumeroledoctor.diagnosis.Samples sample) throws java.io.IOException {
        MotoWorld world = new MotoWorld(endpoint);
        java.nio.file.Path org = sample.dir().resolve("org.json");
        if (java.nio.file.Files.exists(org)) {
            world.organization(Json.readTree(java.nio.file.Files.readString(org)));
        }
        for (java.nio.file.Path file : world.iamFiles(sample)) {
            world.iam(Json.readTree(world.rewrite(java.nio.file.Files.readString(file))));
        }
        JsonNode event = withEventTime(Json.readTree(world.rewrite(Json.compact(sample.event()))),
                java.time.Instant.now().plus(java.time.Duration.ofHours(1)));
        return new Loaded(world, event);
    }

    public List<java.nio.file.Path> iamFiles(dev.assumeroledoctor.diagnosis.Samples sample) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(sample.dir())) {
            return files.filter(f -> f.getFileName().toString().startsWith("iam-")).sorted().toList();
        }
    }

    /** The organization's management account (the sample's, which moto keeps). */
    public String managementAccount() {
        return accountIds.keySet().stream().findFirst().orElse("999999999999");
    }

    /** Creates the organization, its OUs and accounts, its SCPs and RCPs with their attachments. */
    public void organization(JsonNode org) {
        String management = org.path("Organization").path("MasterAccountId").asText();
        accountIds.put(management, management);
        try (OrganizationsClient orgs = OrganizationsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials(management)).httpClient(UrlConnectionHttpClient.create()).build()) {
            orgs.createOrganization(r -> r.featureSet("ALL"));
            String root = orgs.listRoots().roots().get(0).id();
            Map<String, String> targets = new HashMap<>();
            for (var account : iterable(org.path("Accounts"))) {
                List<String> path = new ArrayList<>();
                account.getValue().path("Path").forEach(p -> path.add(p.asText()));
                targets.put(path.get(0), root);
                String parent = root;
                for (String ou : path.subList(1, path.size())) {
                    final String under = parent;
                    parent = targets.computeIfAbsent(ou, id -> orgs.createOrganizationalUnit(r -> r.parentId(under).name(id))
                            .organizationalUnit().id());
                }
                String sampleId = account.getKey();
                if (!sampleId.equals(management)) {
                    String created = orgs.createAccount(r -> r.email(sampleId + "@example.com").accountName("acct-" + sampleId))
                            .createAccountStatus().accountId();
                    accountIds.put(sampleId, created);
                    final String ou = parent;
                    if (!ou.equals(root)) {
                        orgs.moveAccount(r -> r.accountId(created).sourceParentId(root).destinationParentId(ou));
                    }
                    targets.put(sampleId, created);
                } else {
                    targets.put(sampleId, management);
                }
            }
            Map<String, String> policies = new HashMap<>();
            for (JsonNode policy : org.path("Policies")) {
                String id = policy.path("Id").asText();
                PolicyType type = PolicyType.fromValue(policy.path("Type").asText());
                if (id.equals("p-FullAWSAccess")) {
                    policies.put(id, id);
                    continue;
                }
                if (type == PolicyType.RESOURCE_CONTROL_POLICY) {
                    ignoring(() -> orgs.enablePolicyType(r -> r.rootId(root).policyType(type)));
                }
                String content = policy.path("Content").isTextual() ? policy.path("Content").asText() : Json.compact(policy.path("Content"));
                String name = policy.path("Name").asText();
                try {
                    policies.put(id, orgs.createPolicy(r -> r.name(name).description("sample").type(type).content(content))
                            .policy().policySummary().id());
                } catch (software.amazon.awssdk.services.organizations.model.DuplicatePolicyException e) {
                    // moto (like AWS) creates RCPFullAWSAccess itself when RCPs are enabled
                    policies.put(id, orgs.listPolicies(r -> r.filter(type)).policies().stream()
                            .filter(p -> p.name().equals(name)).findFirst().orElseThrow().id());
                }
            }
            for (var target : iterable(org.path("Targets"))) {
                String targetId = targets.get(target.getKey());
                List<String> wanted = new ArrayList<>();
                target.getValue().forEach(p -> wanted.add(policies.get(p.asText())));
                for (String policy : wanted) {
                    ignoring(() -> orgs.attachPolicy(r -> r.policyId(policy).targetId(targetId)));
                }
                for (PolicyType type : List.of(PolicyType.SERVICE_CONTROL_POLICY, PolicyType.RESOURCE_CONTROL_POLICY)) {
                    ignoring(() -> orgs.listPoliciesForTarget(r -> r.targetId(targetId).filter(type)).policies().stream()
                            .filter(p -> !wanted.contains(p.id()))
                            .forEach(p -> orgs.detachPolicy(r -> r.policyId(p.id()).targetId(targetId))));
                }
            }
        }
    }

    /** The sample's text with its account ids replaced by moto's. */
    public String rewrite(String text) {
        String out = text;
        for (Map.Entry<String, String> e : accountIds.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Creates what an authorization-details file holds, in its account. */
    public void iam(JsonNode details) {
        String account = accountOf(details);
        try (IamClient iam = IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL).credentialsProvider(credentials(account))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            for (JsonNode policy : details.path("Policies")) {
                String arn = policy.path("Arn").asText();
                if (arn.contains(":aws:policy/")) {
                    continue;
                }
                iam.createPolicy(r -> r.policyName(policy.path("PolicyName").asText())
                        .policyDocument(document(policy.path("PolicyVersionList").get(0).path("Document"))));
            }
            for (JsonNode group : details.path("GroupDetailList")) {
                String name = group.path("GroupName").asText();
                iam.createGroup(r -> r.groupName(name));
                group.path("GroupPolicyList").forEach(p -> iam.putGroupPolicy(r -> r.groupName(name)
                        .policyName(p.path("PolicyName").asText()).policyDocument(document(p.path("PolicyDocument")))));
                group.path("AttachedManagedPolicies").forEach(p -> iam.attachGroupPolicy(r -> r.groupName(name).policyArn(p.path("PolicyArn").asText())));
            }
            for (JsonNode user : details.path("UserDetailList")) {
                String name = user.path("UserName").asText();
                iam.createUser(r -> r.userName(name).path(user.path("Path").asText("/")).tags(tags(user)));
                user.path("UserPolicyList").forEach(p -> iam.putUserPolicy(r -> r.userName(name)
                        .policyName(p.path("PolicyName").asText()).policyDocument(document(p.path("PolicyDocument")))));
                user.path("AttachedManagedPolicies").forEach(p -> iam.attachUserPolicy(r -> r.userName(name).policyArn(p.path("PolicyArn").asText())));
                user.path("GroupList").forEach(g -> iam.addUserToGroup(r -> r.userName(name).groupName(g.asText())));
            }
            for (JsonNode role : details.path("RoleDetailList")) {
                String name = role.path("RoleName").asText();
                iam.createRole(r -> {
                    r.roleName(name).path(role.path("Path").asText("/")).assumeRolePolicyDocument(document(role.path("AssumeRolePolicyDocument")))
                            .maxSessionDuration(role.path("MaxSessionDuration").asInt(3600)).tags(tags(role));
                    if (role.has("PermissionsBoundary")) {
                        r.permissionsBoundary(role.path("PermissionsBoundary").path("PermissionsBoundaryArn").asText());
                    }
                });
                role.path("RolePolicyList").forEach(p -> iam.putRolePolicy(r -> r.roleName(name)
                        .policyName(p.path("PolicyName").asText()).policyDocument(document(p.path("PolicyDocument")))));
                role.path("AttachedManagedPolicies").forEach(p -> iam.attachRolePolicy(r -> r.roleName(name).policyArn(p.path("PolicyArn").asText())));
            }
            for (JsonNode provider : details.path("OpenIDConnectProviderList")) {
                List<String> clients = new ArrayList<>();
                provider.path("ClientIDList").forEach(c -> clients.add(c.asText()));
                iam.createOpenIDConnectProvider(r -> r.url(provider.path("Url").asText()).clientIDList(clients).thumbprintList("a".repeat(40)));
            }
        }
    }

    public StaticCredentialsProvider credentials(String account) {
        Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/sample-loader").roleSessionName("loader")).credentials();
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }

    static String accountOf(JsonNode details) {
        String text = details.toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("arn:aws:iam::(\\d{12}):(user|role|group|policy)/").matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no account in " + text);
        }
        return m.group(1);
    }

    private static String document(JsonNode document) {
        return document.isTextual() ? PolicyText.decodeIfEncoded(document.asText()) : Json.compact(document);
    }

    private static List<Tag> tags(JsonNode entity) {
        List<Tag> tags = new ArrayList<>();
        entity.path("Tags").forEach(t -> tags.add(Tag.builder().key(t.path("Key").asText()).value(t.path("Value").asText()).build()));
        return tags;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        return entries;
    }

    private static void ignoring(Runnable call) {
        try {
            call.run();
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            // already so (a duplicate attachment, a policy type already enabled): the state wanted holds
        }
    }

    public static ObjectNode withEventTime(JsonNode event, java.time.Instant time) {
        ObjectNode copy = event.deepCopy();
        copy.put("time", time.toString());
        ((ObjectNode) copy.get("detail")).put("eventTime", time.toString());
        return copy;
    }
}
