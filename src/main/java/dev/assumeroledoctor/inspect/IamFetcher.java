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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Reads one account's IAM entities into the JSON of {@code get-account-authorization-details}, so
 * a live snapshot can be written to files and read back offline unchanged. IAM returns policy
 * documents URL-encoded; they are stored decoded.
 */
final class IamFetcher {
    private final IamClient iam;
    private final Executor calls;

    /** @param calls where each AWS call runs: calls never wait on each other, so a bounded pool cannot deadlock */
    IamFetcher(IamClient iam, Executor calls) {
        this.iam = iam;
        this.calls = calls;
    }

    /*
     * Everything keyed by the name is asked at once (wave 1: GetRole, ListRolePolicies,
     * ListAttachedRolePolicies, ListRoleTags); the inline documents as soon as their names are
     * known (wave 2). The managed policies the entity names are reported through {@code attached}
     * as soon as wave 1 knows them, so the caller can fetch them beside wave 2.
     */
    CompletableFuture<Optional<ObjectNode>> role(String arn, Consumer<List<String>> attached) {
        String name = Arns.nameOf(arn);
        // GetRole is the trust policy: a refusal fails the read. The role's own policies decide only what its sessions may
        // do: a refused list or document is noted (InspectionWork.UNREAD) and the role is read without them
        List<InspectionDenied> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        var entity = call(() -> Calls.optional("iam:GetRole", arn, () -> iam.getRole(r -> r.roleName(name)).role()));
        var names = call(() -> tolerant(refused, () -> listed("iam:ListRolePolicies", arn,
                () -> iam.listRolePoliciesPaginator(p -> p.roleName(name)).policyNames().stream().toList())));
        var policies = call(() -> tolerant(refused, () -> listed("iam:ListAttachedRolePolicies", arn,
                () -> iam.listAttachedRolePoliciesPaginator(p -> p.roleName(name)).attachedPolicies().stream().toList())));
        // GetRole answers the tags too: a refused ListRoleTags falls back on them
        var tags = call(() -> tolerant(new java.util.ArrayList<>(), () -> listed("iam:ListRoleTags", arn,
                () -> iam.listRoleTagsPaginator(p -> p.roleName(name)).tags().stream().toList())));
        var documents = names.thenCompose(list -> inline("Role", arn, list,
                policy -> iam.getRolePolicy(p -> p.roleName(name).policyName(policy)).policyDocument())).exceptionally(failure -> {
                    if (failure.getCause() instanceof InspectionDenied denied) {
                        refused.add(denied);
                        return Json.mapper().createArrayNode();
                    }
                    throw failure instanceof java.util.concurrent.CompletionException c ? c : new java.util.concurrent.CompletionException(failure);
                });
        var announced = CompletableFuture.allOf(entity, policies).thenAccept(v -> entity.join().ifPresent(r -> attached.accept(
                withBoundary(policies.join(), r.permissionsBoundary()))));
        return CompletableFuture.allOf(entity, names, policies, tags, documents, announced).thenApply(v -> entity.join().map(r -> {
            ObjectNode node = entity(r.path(), "RoleName", r.roleName(), "RoleId", r.roleId(), r.arn(), r.createDate());
            node.set("AssumeRolePolicyDocument", document(r.assumeRolePolicyDocument()));
            node.put("MaxSessionDuration", r.maxSessionDuration() == null ? 3600 : r.maxSessionDuration());
            if (r.roleLastUsed() != null && r.roleLastUsed().lastUsedDate() != null) {
                node.putObject("RoleLastUsed").put("LastUsedDate", r.roleLastUsed().lastUsedDate().toString())
                        .put("Region", String.valueOf(r.roleLastUsed().region()));
            }
            node.set("RolePolicyList", documents.join());
            attached(node, policies.join());
            boundary(node, r.permissionsBoundary());
            tags(node, tags.join().isEmpty() && r.hasTags() ? r.tags() : tags.join());
            if (!refused.isEmpty()) {
                ArrayNode unread = node.putArray(InspectionWork.UNREAD);
                refused.forEach(e -> unread.addObject().put("api", e.api()).put("why", e.getMessage()));
            }
            return node;
        }));
    }

    /** As {@link #role}, for a user (GetUser, ListUserPolicies, ListAttachedUserPolicies, ListUserTags; then GetUserPolicy). */
    CompletableFuture<Optional<ObjectNode>> user(String arn, Consumer<List<String>> attached) {
        String name = Arns.nameOf(arn);
        var entity = call(() -> Calls.optional("iam:GetUser", arn, () -> iam.getUser(r -> r.userName(name)).user()));
        var names = call(() -> listed("iam:ListUserPolicies", arn,
                () -> iam.listUserPoliciesPaginator(p -> p.userName(name)).policyNames().stream().toList()));
        var policies = call(() -> listed("iam:ListAttachedUserPolicies", arn,
                () -> iam.listAttachedUserPoliciesPaginator(p -> p.userName(name)).attachedPolicies().stream().toList()));
        var tags = call(() -> listed("iam:ListUserTags", arn, () -> iam.listUserTagsPaginator(p -> p.userName(name)).tags().stream().toList()));
        var documents = names.thenCompose(list -> inline("User", arn, list,
                policy -> iam.getUserPolicy(p -> p.userName(name).policyName(policy)).policyDocument()));
        var announced = CompletableFuture.allOf(entity, policies).thenAccept(v -> entity.join().ifPresent(u -> attached.accept(
                withBoundary(policies.join(), u.permissionsBoundary()))));
        return CompletableFuture.allOf(entity, names, policies, tags, documents, announced).thenApply(v -> entity.join().map(u -> {
            ObjectNode node = entity(u.path(), "UserName", u.userName(), "UserId", u.userId(), u.arn(), u.createDate());
            node.set("UserPolicyList", documents.join());
            attached(node, policies.join());
            boundary(node, u.permissionsBoundary());
            tags(node, tags.join());
            return node;
        }));
    }

    /** The user's groups (wave 1), each group's lists (wave 2) and inline documents (wave 3). */
    CompletableFuture<List<ObjectNode>> groups(String userArn, Consumer<List<String>> attached) {
        return call(() -> Calls.required("iam:ListGroupsForUser", userArn,
                () -> iam.listGroupsForUserPaginator(p -> p.userName(Arns.nameOf(userArn))).groups().stream().toList()))
                .thenCompose(groups -> {
                    List<CompletableFuture<ObjectNode>> all = new ArrayList<>();
                    for (Group g : groups) {
                        all.add(group(g, attached));
                    }
                    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> all.stream().map(CompletableFuture::join).toList());
                });
    }

    private CompletableFuture<ObjectNode> group(Group g, Consumer<List<String>> attached) {
        var names = call(() -> Calls.required("iam:ListGroupPolicies", g.arn(),
                () -> iam.listGroupPoliciesPaginator(p -> p.groupName(g.groupName())).policyNames().stream().toList()));
        var policies = call(() -> Calls.required("iam:ListAttachedGroupPolicies", g.arn(),
                () -> iam.listAttachedGroupPoliciesPaginator(p -> p.groupName(g.groupName())).attachedPolicies().stream().toList()));
        var announced = policies.thenAccept(list -> attached.accept(list.stream().map(AttachedPolicy::policyArn).toList()));
        var documents = names.thenCompose(list -> inline("Group", g.arn(), list,
                policy -> iam.getGroupPolicy(p -> p.groupName(g.groupName()).policyName(policy)).policyDocument()));
        return CompletableFuture.allOf(names, policies, documents, announced).thenApply(v -> {
            ObjectNode node = entity(g.path(), "GroupName", g.groupName(), "GroupId", g.groupId(), g.arn(), g.createDate());
            node.set("GroupPolicyList", documents.join());
            attached(node, policies.join());
            return node;
        });
    }

    /** A managed policy with its default version's document, as an entry of {@code Policies} (GetPolicy, then GetPolicyVersion). */
    CompletableFuture<Optional<ObjectNode>> managedPolicy(String arn) {
        return call(() -> Calls.optional("iam:GetPolicy", arn, () -> iam.getPolicy(p -> p.policyArn(arn)).policy())).thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<ObjectNode>empty());
            }
            var policy = found.get();
            String version = policy.defaultVersionId();
            return call(() -> Calls.required("iam:GetPolicyVersion", arn,
                    () -> iam.getPolicyVersion(p -> p.policyArn(arn).versionId(version)).policyVersion().document())).thenApply(doc -> {
                        ObjectNode node = Json.mapper().createObjectNode();
                        node.put("PolicyName", policy.policyName());
                        node.put("Arn", policy.arn());
                        node.put("DefaultVersionId", version);
                        node.putArray("PolicyVersionList").addObject().put("VersionId", version).put("IsDefaultVersion", true)
                                .set("Document", document(doc));
                        return Optional.of(node);
                    });
        });
    }

    /* The lists are asked beside Get<entity>: for an entity that does not exist they answer NoSuchEntity too, read as empty. */
    private static <T> List<T> listed(String api, String arn, Supplier<List<T>> list) {
        return Calls.optional(api, arn, list).orElse(List.of());
    }

    /* A read whose refusal is noted, not thrown: what it would have given is then an empty list. */
    private static <T> List<T> tolerant(List<InspectionDenied> refused, Supplier<List<T>> read) {
        try {
            return read.get();
        } catch (InspectionDenied e) {
            refused.add(e);
            return List.of();
        }
    }

    private <T> CompletableFuture<T> call(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, calls);
    }

    /* Each inline policy's document, all at once: Get<kind>Policy per name. */
    private CompletableFuture<ArrayNode> inline(String kind, String owner, List<String> names, Function<String, String> document) {
        List<CompletableFuture<ObjectNode>> docs = new ArrayList<>();
        for (String policy : names) {
            docs.add(call(() -> {
                String doc = Calls.required("iam:Get" + kind + "Policy", owner + " (" + policy + ")", () -> document.apply(policy));
                ObjectNode entry = Json.mapper().createObjectNode().put("PolicyName", policy);
                entry.set("PolicyDocument", document(doc));
                return entry;
            }));
        }
        return CompletableFuture.allOf(docs.toArray(CompletableFuture[]::new)).thenApply(v -> {
            ArrayNode list = Json.mapper().createArrayNode();
            docs.forEach(d -> list.add(d.join()));
            return list;
        });
    }

    private static List<String> withBoundary(List<AttachedPolicy> policies, AttachedPermissionsBoundary boundary) {
        List<String> arns = new ArrayList<>(policies.stream().map(AttachedPolicy::policyArn).toList());
        if (boundary != null && boundary.permissionsBoundaryArn() != null) {
            arns.add(boundary.permissionsBoundaryArn());
        }
        return arns;
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
