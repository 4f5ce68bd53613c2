package dev.assumeroledoctor.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.policy.PolicyParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one account from the JSON {@code aws iam get-account-authorization-details --output json}
 * prints, plus the optional {@code OpenIDConnectProviderList}/{@code SAMLProviderList} and role
 * {@code MaxSessionDuration} of {@code snapshot.md}. Documents may be objects or URL-encoded strings.
 */
public final class AuthorizationDetailsReader {
    private AuthorizationDetailsReader() {
    }

    public static AccountSnapshot read(JsonNode root, String source) {
        return read(root, source, Optional.empty());
    }

    /**
     * @param accountHint the account when no ARN in the file names it (a file that only tells that
     *                    a role does not exist), e.g. from the file name {@code iam-<account>.json}
     */
    public static AccountSnapshot read(JsonNode root, String source, Optional<String> accountHint) {
        if (root == null || !root.isObject()) {
            throw new SnapshotException(source + ": an authorization-details file must be a JSON object");
        }
        for (String list : List.of("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")) {
            if (!root.has(list)) {
                throw new SnapshotException(source + ": " + list + " is missing: the file must be what"
                        + " aws iam get-account-authorization-details --output json prints (get-role output is not enough)");
            }
        }
        Map<String, IamUser> users = new LinkedHashMap<>();
        Map<String, IamGroup> groups = new LinkedHashMap<>();
        Map<String, IamRole> roles = new LinkedHashMap<>();
        Map<String, ManagedPolicy> policies = new LinkedHashMap<>();
        List<String> arns = new ArrayList<>();
        forEach(root, "UserDetailList", source, (node, path) -> {
            IamUser user = new IamUser(Fields.arn(node, "Arn", path), required(node, "UserName", path), Fields.text(node, "UserId", path).orElse(""),
                    inline(node.path("UserPolicyList"), path + ".UserPolicyList"), strings(node.path("GroupList"), path + ".GroupList"),
                    attached(node, path), boundary(node, path), tags(node, path), Fields.date(node, "CreateDate", path));
            users.put(user.arn(), user);
            arns.add(user.arn());
        });
        forEach(root, "GroupDetailList", source, (node, path) -> {
            IamGroup group = new IamGroup(Fields.arn(node, "Arn", path), required(node, "GroupName", path),
                    inline(node.path("GroupPolicyList"), path + ".GroupPolicyList"), attached(node, path));
            groups.put(group.name(), group);
            arns.add(group.arn());
        });
        forEach(root, "RoleDetailList", source, (node, path) -> {
            JsonNode trust = node.get("AssumeRolePolicyDocument");
            if (trust == null || trust.isNull()) {
                throw new SnapshotException(path + ": a role needs its AssumeRolePolicyDocument");
            }
            IamRole role = new IamRole(Fields.arn(node, "Arn", path), required(node, "RoleName", path), Fields.text(node, "RoleId", path).orElse(""),
                    stored(trust, path + ".AssumeRolePolicyDocument"), inline(node.path("RolePolicyList"), path + ".RolePolicyList"),
                    attached(node, path), boundary(node, path), tags(node, path),
                    // "MaxSessionDuration": 3600 to 43200 seconds (CreateRole API reference)
                    Fields.integer(node, "MaxSessionDuration", path, 3600, 43200).orElse(IamRole.DEFAULT_MAX_SESSION_DURATION),
                    Fields.date(node, "CreateDate", path));
            roles.put(role.arn(), role);
            arns.add(role.arn());
        });
        forEach(root, "Policies", source, (node, path) -> {
            String arn = Fields.arn(node, "Arn", path);
            String defaultVersion = Fields.text(node, "DefaultVersionId", path).orElse("");
            JsonNode document = null;
            for (JsonNode version : node.path("PolicyVersionList")) {
                if (version.path("IsDefaultVersion").asBoolean(false) || version.path("VersionId").asText("").equals(defaultVersion)) {
                    document = version.get("Document");
                }
            }
            if (document == null) {
                throw new SnapshotException(path + ": policy " + arn + " has no default version document");
            }
            policies.put(arn, new ManagedPolicy(arn, required(node, "PolicyName", path), defaultVersion,
                    stored(document, path + ".PolicyVersionList")));
            if (!"aws".equals(Arns.accountOf(arn))) {
                arns.add(arn);
            }
        });
        List<OidcProvider> oidc = new ArrayList<>();
        forEach(root, "OpenIDConnectProviderList", source, (node, path) -> {
            oidc.add(new OidcProvider(Fields.arn(node, "Arn", path), Fields.text(node, "Url", path).orElse(""), Json.strings(node.path("ClientIDList"))));
            arns.add(oidc.get(oidc.size() - 1).arn());
        });
        List<String> saml = new ArrayList<>();
        forEach(root, "SAMLProviderList", source, (node, path) -> {
            saml.add(Fields.arn(node, "Arn", path));
            arns.add(saml.get(saml.size() - 1));
        });
        String account = arns.stream().map(Arns::accountOf).filter(Arns::isAccountId).findFirst().or(() -> accountHint)
                .orElseThrow(() -> new SnapshotException(source + ": no ARN in the file names its account"));
        arns.stream().map(Arns::accountOf).filter(a -> Arns.isAccountId(a) && !a.equals(account)).findFirst().ifPresent(other -> {
            throw new SnapshotException(source + ": ARNs name two accounts (" + account + ", " + other + "); write one file per account");
        });
        return new AccountSnapshot(account, users, groups, roles, policies, oidc, saml);
    }

    private interface NodeConsumer {
        void accept(JsonNode node, String path);
    }

    private static void forEach(JsonNode root, String field, String source, NodeConsumer consumer) {
        JsonNode list = root.get(field);
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            throw new SnapshotException(source + ": " + field + " must be an array");
        }
        for (int i = 0; i < list.size(); i++) {
            String path = source + ": " + field + "[" + i + "]";
            consumer.accept(object(list.get(i), path), path);
        }
    }

    /* IAM's largest policy is 10,240 characters (an inline user policy set); twice that, minified, is no IAM policy. */
    static final int MAX_POLICY_CHARS = 20_480;

    static StoredPolicy stored(JsonNode document, String path) {
        int size = document.isTextual() ? document.textValue().length() : Json.compact(document).length();
        if (size > MAX_POLICY_CHARS) {
            throw new SnapshotException(path + ": a policy of " + size + " characters is larger than IAM allows for any policy"
                    + " (at most 10,240); not an IAM policy document");
        }
        try {
            return StoredPolicy.of(document);
        } catch (PolicyParseException | IllegalArgumentException e) {
            throw new SnapshotException(path + ": " + e.getMessage(), e);
        }
    }

    private static List<InlinePolicy> inline(JsonNode list, String path) {
        List<InlinePolicy> out = new ArrayList<>();
        array(list, path);
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = object(list.get(i), path + "[" + i + "]");
            String name = required(node, "PolicyName", path + "[" + i + "]");
            out.add(new InlinePolicy(name, stored(node.path("PolicyDocument"), path + "[" + i + "] (" + name + ")")));
        }
        return out;
    }

    /* A list of the wrong type is an error, never an empty list: dropping it would drop a policy that decides. */
    private static List<String> attached(JsonNode node, String path) {
        List<String> arns = new ArrayList<>();
        JsonNode list = array(node.path("AttachedManagedPolicies"), path + ".AttachedManagedPolicies");
        for (int i = 0; i < list.size(); i++) {
            String at = path + ".AttachedManagedPolicies[" + i + "]";
            arns.add(required(object(list.get(i), at), "PolicyArn", at));
        }
        return arns;
    }

    private static Optional<String> boundary(JsonNode node, String path) {
        JsonNode boundary = node.path("PermissionsBoundary");
        if (boundary.isMissingNode() || boundary.isNull()) {
            return Optional.empty();
        }
        return Optional.of(required(object(boundary, path + ".PermissionsBoundary"), "PermissionsBoundaryArn", path + ".PermissionsBoundary"));
    }

    private static Map<String, String> tags(JsonNode node, String path) {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode list = array(node.path("Tags"), path + ".Tags");
        for (int i = 0; i < list.size(); i++) {
            JsonNode tag = object(list.get(i), path + ".Tags[" + i + "]");
            tags.put(required(tag, "Key", path + ".Tags[" + i + "]"), Fields.text(tag, "Value", path + ".Tags[" + i + "]").orElse(""));
        }
        return tags;
    }

    private static List<String> strings(JsonNode node, String path) {
        List<String> out = new ArrayList<>();
        JsonNode list = array(node, path);
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isTextual()) {
                throw new SnapshotException(path + "[" + i + "]: must be a string");
            }
            out.add(list.get(i).textValue());
        }
        return out;
    }

    /* A missing or null list is empty; anything but an array is an error naming where. */
    private static JsonNode array(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        if (!node.isArray()) {
            throw new SnapshotException(path + ": must be an array, not " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return node;
    }

    private static JsonNode object(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new SnapshotException(path + ": must be an object, not " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return node;
    }

    private static String required(JsonNode node, String field, String path) {
        return Fields.required(node, field, path);
    }
}
