package dev.assumeroledoctor.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import software.amazon.awssdk.services.organizations.model.Organization;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyType;

/**
 * The organization file one event needs, read by level: every call whose inputs are known is made
 * at once. Wave 1 asks DescribeOrganization, ListRoots, and for each account ListParents and its
 * own attached SCPs/RCPs; each parent found starts its own ListParents and ListPoliciesForTarget
 * (the root's as soon as ListRoots names it); each policy found is described once. A three-level
 * organization (root, OU, account) is read in three waves. Structure and policies are cached.
 */
final class OrganizationSide {
    private final OrganizationFetcher fetcher;
    private final Executor calls;
    private final TtlCache<String, Object> cache;
    private final Map<String, CompletableFuture<Void>> levels = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<ObjectNode>> policies = new ConcurrentHashMap<>();
    private final Map<String, List<String>> attachedByTarget = new ConcurrentHashMap<>();

    OrganizationSide(OrganizationFetcher fetcher, Executor calls, TtlCache<String, Object> cache) {
        this.fetcher = fetcher;
        this.calls = calls;
        this.cache = cache;
    }

    /** The organization file for these accounts; empty when there is no organization. */
    Optional<ObjectNode> read(Set<String> accounts) {
        CompletableFuture<Optional<Organization>> org = cachedCall("org", fetcher::organization);
        CompletableFuture<Optional<String>> root = cachedCall("root", fetcher::root);
        // the root's level starts as soon as ListRoots names it; joined below, so it is registered before the levels are awaited
        CompletableFuture<Void> rootLevel = root.thenAccept(id -> id.ifPresent(this::level));
        Map<String, CompletableFuture<Optional<List<String>>>> paths = new LinkedHashMap<>();
        for (String account : accounts) {
            level(account);
            paths.put(account, walk(account, new ArrayList<>()));
        }
        Optional<Organization> organization = Async.join(org);
        if (organization.isEmpty()) {
            return Optional.empty();
        }
        Async.join(rootLevel);
        ObjectNode file = Json.mapper().createObjectNode();
        file.putObject("Organization").put("Id", organization.get().id()).put("MasterAccountId", organization.get().masterAccountId());
        ObjectNode accountsNode = file.putObject("Accounts");
        List<String> outside = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<Optional<List<String>>>> path : paths.entrySet()) {
            Optional<List<String>> found = Async.join(path.getValue());
            found.ifPresent(p -> {
                ArrayNode chain = accountsNode.putObject(path.getKey()).putArray("Path");
                p.forEach(chain::add);
            });
            if (found.isEmpty()) {
                // ListParents answered that the organization has no such child: outside it, so no SCP or RCP applies
                outside.add(path.getKey());
            }
        }
        // every level started so far, and the policies they named, must be in before the file is written
        for (int seen = -1; seen != levels.size() + policies.size(); ) {
            seen = levels.size() + policies.size();
            Async.join(CompletableFuture.allOf(levels.values().toArray(CompletableFuture[]::new)));
            Async.join(CompletableFuture.allOf(policies.values().toArray(CompletableFuture[]::new)));
        }
        ObjectNode targets = file.putObject("Targets");
        Set<String> placed = new java.util.HashSet<>(paths.keySet());
        paths.values().forEach(p -> Async.join(p).ifPresent(placed::addAll));
        attachedByTarget.forEach((target, ids) -> {
            if (placed.contains(target)) {
                ArrayNode list = targets.putArray(target);
                ids.forEach(list::add);
            }
        });
        ArrayNode list = file.putArray("Policies");
        policies.values().forEach(p -> list.add(p.join()));
        if (!outside.isEmpty()) {
            ArrayNode outsideNode = file.putArray("OutsideAccounts");
            outside.forEach(outsideNode::add);
        }
        return Optional.of(file);
    }

    /* ListParents up to the root, each parent's level started the moment it is known. */
    private CompletableFuture<Optional<List<String>>> walk(String child, List<String> above) {
        Optional<Object> known = above.isEmpty() ? cache.peek("path:" + child) : Optional.empty();
        if (known.isPresent()) {
            @SuppressWarnings("unchecked")
            Optional<List<String>> path = (Optional<List<String>>) known.get();
            path.ifPresent(p -> p.forEach(this::level));
            return CompletableFuture.completedFuture(path);
        }
        return call(() -> fetcher.parent(child)).thenCompose(parent -> {
            if (parent.isEmpty()) {
                return CompletableFuture.completedFuture(above.isEmpty() ? Optional.<List<String>>empty() : Optional.of(reversed(above)));
            }
            level(parent.get().id());
            List<String> next = new ArrayList<>(above);
            next.add(parent.get().id());
            if (parent.get().typeAsString().equals("ROOT")) {
                return CompletableFuture.completedFuture(Optional.of(reversed(next)));
            }
            return walk(parent.get().id(), next);
        }).thenApply(path -> {
            if (above.isEmpty()) {
                cache.put("path:" + child, path);
            }
            return path;
        });
    }

    /* One target's SCPs and RCPs, each policy described once. */
    private void level(String target) {
        levels.computeIfAbsent(target, t -> {
            List<CompletableFuture<Void>> types = new ArrayList<>();
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            attachedByTarget.put(t, ids);
            for (PolicyType type : List.of(PolicyType.SERVICE_CONTROL_POLICY, PolicyType.RESOURCE_CONTROL_POLICY)) {
                CompletableFuture<List<PolicySummary>> summaries = cachedCall("targets:" + t + ":" + type, () -> fetcher.enabledPolicies(t, type));
                types.add(summaries.thenAccept(list -> list.forEach(summary -> {
                    ids.add(summary.id());
                    policies.computeIfAbsent(summary.id(), id -> cachedCall("org-policy:" + id, () -> fetcher.policy(summary)));
                })));
            }
            return CompletableFuture.allOf(types.toArray(CompletableFuture[]::new));
        });
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> cachedCall(String key, Supplier<T> load) {
        Optional<Object> hit = cache.peek(key);
        if (hit.isPresent()) {
            return CompletableFuture.completedFuture((T) hit.get());
        }
        return call(load).thenApply(value -> {
            cache.put(key, value);
            return value;
        });
    }

    private <T> CompletableFuture<T> call(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, calls);
    }

    private static List<String> reversed(List<String> path) {
        List<String> copy = new ArrayList<>(path);
        Collections.reverse(copy);
        return copy;
    }
}
