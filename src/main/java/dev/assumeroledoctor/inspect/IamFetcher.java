package dev.assumeroledoctor.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.policy.PolicyText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

/**
 * Reads one account's IAM entities into the JSON of {@code get-account-authorization-details}, so
 * a live snapshot can be written to files and read back offline unchanged. IAM returns policy
 * documents URL-encoded; they are stored decoded.
 */
final class IamFetcher {
    private final IamClient iam;

    IamFetcher(IamClient iam) {
        this.iam = iam;
    }

    Optional<ObjectNode> role(String arn) {
        String name = Arns.nameOf(arn);
        Optional<Role> role = Calls.optional("iam:GetRole", arn, () -> iam.getRole(r -> r.roleName(name)).role());
        return role.map(r -> {
            ObjectNode node = entity(r.path(), "RoleName", r.roleName(), "RoleId", r.roleId(), r.arn(), r.createDate());
            node.set("AssumeRolePolicyDocument", document(r.assumeRolePolicyDocument()));
            node.put("MaxSessionDuration", r.maxSessionDuration() == null ? 3600 : r.maxSessionDuration());
            if (r.roleLastUsed() != null && r.roleLastUsed().lastUsedDate() != null) {
                node.putObject("RoleLastUsed").put("LastUsedDate", r.roleLastUsed().lastUsedDate().toString())
                        .put("Region", String.valueOf(r.roleLastUsed().region()));
            }
            inline(node, "RolePolicyList", "Role", arn, () -> iam.listRolePoliciesPaginator(p -> p.roleName(name)).policyNames(),
                    policy -> iam.getRolePolicy(p -> p.roleName(name).policyName(policy)).policyDocument());
            attached(node, Calls.required("iam:ListAttachedRolePolicies", arn,
                    () -> iam.listAttachedRolePoliciesPaginator(p -> p.roleName(name)).attachedPolicies().stream().toList()));
            boundary(node, r.permissionsBoundary());
            tags(node, Calls.required("iam:ListRoleTags", arn, () -> iam.listRoleTagsPaginator(p -> p.roleName(name)).tags().stream().toList()));
            return node;
        });
    }

    Optional<ObjectNode> user(String arn) {
        String name = Arns.nameOf(arn);
        Optional<User> user = Calls.optional("iam:GetUser", arn, () -> iam.getUser(r -> r.userName(name)).user());
        return user.map(u -> {
            ObjectNode node = entity(u.path(), "UserName", u.userName(), "UserId", u.userId(), u.arn(), u.createDate());
            inline(node, "UserPolicyList", "User", arn, () -> iam.listUserPoliciesPaginator(p -> p.userName(name)).policyNames(),
                    policy -> iam.getUserPolicy(p -> p.userName(name).policyName(policy)).policyDocument());
            attached(node, Calls.required("iam:ListAttachedUserPolicies", arn,
                    () -> iam.listAttachedUserPoliciesPaginator(p -> p.userName(name)).attachedPolicies().stream().toList()));
            boundary(node, u.permissionsBoundary());
            tags(node, Calls.required("iam:ListUserTags", arn, () -> iam.listUserTagsPaginator(p -> p.userName(name)).tags().stream().toList()));
            return node;
        });
    }

    List<Group> groups(String userArn) {
        return Calls.required("iam:ListGroupsForUser", userArn,
                () -> iam.listGroupsForUserPaginator(p -> p.userName(Arns.nameOf(userArn))).groups().stream().toList());
    }

    ObjectNode group(Group g) {
        ObjectNode node = entity(g.path(), "GroupName", g.groupName(), "GroupId", g.groupId(), g.arn(), g.createDate());
        inline(node, "GroupPolicyList", "Group", g.arn(), () -> iam.listGroupPoliciesPaginator(p -> p.groupName(g.groupName())).policyNames(),
                policy -> iam.getGroupPolicy(p -> p.groupName(g.groupName()).policyName(policy)).policyDocument());
        attached(node, Calls.required("iam:ListAttachedGroupPolicies", g.arn(),
                () -> iam.listAttachedGroupPoliciesPaginator(p -> p.groupName(g.groupName())).attachedPolicies().stream().toList()));
        return node;
    }

    /** A managed policy with its default version's document, as an entry of {@code Policies}. */
    Optional<ObjectNode> managedPolicy(String arn) {
        return Calls.optional("iam:GetPolicy", arn, () -> iam.getPolicy(p -> p.policyArn(arn)).policy()).map(policy -> {
            String version = policy.defaultVersionId();
            String doc = Calls.required("iam:GetPolicyVersion", arn,
                    () -> iam.getPolicyVersion(p -> p.policyArn(arn).versionId(version)).policyVersion().document());
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("PolicyName", policy.policyName());
            node.put("Arn", policy.arn());
            node.put("DefaultVersionId", version);
            node.putArray("PolicyVersionList").addObject().put("VersionId", version).put("IsDefaultVersion", true)
                    .set("Document", document(doc));
            return node;
        });
    }

    ArrayNode oidcProviders() {
        ArrayNode list = Json.mapper().createArrayNode();
        var providers = Calls.required("iam:ListOpenIDConnectProviders", "the account",
                () -> iam.listOpenIDConnectProviders().openIDConnectProviderList());
        for (var provider : providers) {
            var details = Calls.required("iam:GetOpenIDConnectProvider", provider.arn(),
                    () -> iam.getOpenIDConnectProvider(p -> p.openIDConnectProviderArn(provider.arn())));
            ObjectNode node = list.addObject().put("Arn", provider.arn()).put("Url", "https://" + details.url().replaceFirst("^https://", ""));
            ArrayNode clients = node.putArray("ClientIDList");
            details.clientIDList().forEach(clients::add);
        }
        return list;
    }

    ArrayNode samlProviders() {
        ArrayNode list = Json.mapper().createArrayNode();
        Calls.required("iam:ListSAMLProviders", "the account", () -> iam.listSAMLProviders().samlProviderList())
                .forEach(p -> list.addObject().put("Arn", p.arn()));
        return list;
    }

    /** Roles whose trust policy names the provider: a web-identity record may name no role. */
    List<String> rolesTrusting(String provider) {
        return Calls.required("iam:ListRoles", "the account", () -> iam.listRolesPaginator().roles().stream()
                .filter(r -> PolicyText.decodeIfEncoded(r.assumeRolePolicyDocument()).contains(provider))
                .map(Role::arn).toList());
    }

    private static ObjectNode entity(String path, String nameField, String name, String idField, String id, String arn,
                                     java.time.Instant created) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("Path", path);
        node.put(nameField, name);
        node.put(idField, id);
        node.put("Arn", arn);
        if (created != null) {
            node.put("CreateDate", created.toString());
        }
        return node;
    }

    static JsonNode document(String encoded) {
        return Json.readTree(PolicyText.decodeIfEncoded(encoded));
    }

    /* An entity's inline policies: its List<kind>Policies call names them, its Get<kind>Policy call reads each. */
    private static void inline(ObjectNode node, String field, String kind, String owner, Supplier<Iterable<String>> names,
                               Function<String, String> document) {
        ArrayNode list = node.putArray(field);
        List<String> policies = new ArrayList<>();
        // the paginator fetches as it is iterated: iterate inside the call's error handling
        Calls.required("iam:List" + kind + "Policies", owner, () -> {
            List<String> all = new ArrayList<>();
            names.get().forEach(all::add);
            return all;
        }).forEach(policies::add);
        for (String policy : policies) {
            String doc = Calls.required("iam:Get" + kind + "Policy", owner + " (" + policy + ")", () -> document.apply(policy));
            list.addObject().put("PolicyName", policy).set("PolicyDocument", document(doc));
        }
    }

    private static void attached(ObjectNode node, List<AttachedPolicy> policies) {
        ArrayNode list = node.putArray("AttachedManagedPolicies");
        policies.forEach(p -> list.addObject().put("PolicyName", p.policyName()).put("PolicyArn", p.policyArn()));
    }

    private static void boundary(ObjectNode node, AttachedPermissionsBoundary boundary) {
        if (boundary != null && boundary.permissionsBoundaryArn() != null) {
            node.putObject("PermissionsBoundary").put("PermissionsBoundaryType", "Policy")
                    .put("PermissionsBoundaryArn", boundary.permissionsBoundaryArn());
        }
    }

    private static void tags(ObjectNode node, List<Tag> tags) {
        ArrayNode list = node.putArray("Tags");
        tags.forEach(t -> list.addObject().put("Key", t.key()).put("Value", t.value()));
    }
}
