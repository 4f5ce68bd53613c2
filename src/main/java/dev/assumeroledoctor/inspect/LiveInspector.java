package dev.assumeroledoctor.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.RequestRebuilder;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.event.CallerIdentity;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.snapshot.DataGap;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.organizations.model.Organization;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyType;

/**
 * Builds the snapshot one event needs from AWS: the target role (its account), the caller's
 * identity policies, groups and boundary (its account), and the SCP/RCP chains (Organizations).
 * The three sides run concurrently on a bounded pool, so a diagnosis costs about the depth of the
 * dependency chain in round trips; everything read is cached for {@code cacheTtl}.
 */
public final class LiveInspector implements Function<AssumeRoleEvent, Snapshot> {
    private static final int CACHE_ENTRIES = 10_000;
    private final InspectorConfig config;
    private final AwsClients clients;
    private final ExecutorService pool;
    private final TtlCache<String, Object> cache;

    public LiveInspector(InspectorConfig config) {
        this(config, Clock.systemUTC());
    }

    LiveInspector(InspectorConfig config, Clock clock) {
        this.config = config;
        this.clients = new AwsClients(config);
        this.pool = Executors.newFixedThreadPool(config.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "inspector");
            thread.setDaemon(true);
            return thread;
        });
        this.cache = new TtlCache<>(config.cacheTtl(), clock, CACHE_ENTRIES);
    }

    /** Forgets everything read: restored SnapStart copies must not share what one container cached. */
    public void clearCache() {
        cache.clear();
    }

    @Override
    public Snapshot apply(AssumeRoleEvent event) {
        return inspect(event).snapshot();
    }

    /**
     * The function's own failed AssumeRole into an inspector role is a failed-AssumeRole event too:
     * it must never be diagnosed, or one denial would feed itself forever.
     */
    public Optional<String> selfEvent(AssumeRoleEvent event) {
        String self = clients.self().arn();
        Optional<String> callerRole = callerRoleName(event.caller());
        boolean sameAccount = event.caller().accountId().filter(clients.self().account()::equals).isPresent();
        if (event.caller().arn().filter(self::equals).isPresent()
                || (sameAccount && callerRole.isPresent() && self.contains(":assumed-role/" + callerRole.get() + "/"))) {
            return Optional.of("the function's own call (" + self + "): never diagnosed, so a denial cannot feed itself");
        }
        return Optional.empty();
    }

    public Inspection inspect(AssumeRoleEvent event) {
        Work work = new Work();
        Optional<String> role = RequestRebuilder.roleArn(event);
        Optional<String> issuer = issuer(event.caller());
        List<CompletableFuture<Void>> sides = new ArrayList<>();
        sides.add(run(() -> roleSide(event, role, work)));
        issuer.ifPresent(arn -> sides.add(run(() -> callerSide(arn, work))));
        sides.add(run(() -> organizationSide(event, role, work)));
        try {
            CompletableFuture.allOf(sides.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw unwrapped(e);
        }
        return work.result();
    }

    private void roleSide(AssumeRoleEvent event, Optional<String> role, Work work) {
        String account = role.map(Arns::accountOf).or(event::recipientAccountId).orElse("");
        if (account.isEmpty()) {
            return;
        }
        List<String> roles = new ArrayList<>();
        role.ifPresent(roles::add);
        Optional<String> provider = event.caller().identityProvider();
        if (event.call().federated()) {
            guarded(work, account, () -> {
                var fetcher = iam(account);
                work.account(account).set("OpenIDConnectProviderList", fetcher.oidcProviders());
                work.account(account).set("SAMLProviderList", fetcher.samlProviders());
                if (role.isEmpty() && provider.isPresent()) {
                    roles.addAll(fetcher.rolesTrusting(provider.get()));
                }
            });
        }
        for (String arn : roles) {
            guarded(work, arn, () -> {
                Optional<ObjectNode> found = cached("role:" + arn, () -> iam(account).role(arn));
                work.account(account);
                found.ifPresent(node -> work.add(account, "RoleDetailList", node));
            });
        }
    }

    private void callerSide(String issuer, Work work) {
        String account = Arns.accountOf(issuer);
        guarded(work, issuer, () -> {
            IamFetcher fetcher = iam(account);
            boolean isRole = issuer.contains(":role/");
            Optional<ObjectNode> entity = cached((isRole ? "role:" : "user:") + issuer,
                    () -> isRole ? fetcher.role(issuer) : fetcher.user(issuer));
            if (entity.isEmpty()) {
                work.gap(new DataGap("the caller " + issuer, "it no longer exists"), issuer);
                return;
            }
            ObjectNode caller = entity.get().deepCopy();
            Set<String> managed = new LinkedHashSet<>(attachedArns(caller));
            Optional.ofNullable(caller.path("PermissionsBoundary").path("PermissionsBoundaryArn").textValue()).ifPresent(managed::add);
            if (!isRole) {
                ArrayNode groupNames = caller.putArray("GroupList");
                List<Group> groups = cached("groups:" + issuer, () -> fetcher.groups(issuer));
                for (Group group : groups) {
                    ObjectNode node = cached("group:" + group.arn(), () -> fetcher.group(group));
                    groupNames.add(group.groupName());
                    work.add(account, "GroupDetailList", node);
                    managed.addAll(attachedArns(node));
                }
            }
            work.add(account, isRole ? "RoleDetailList" : "UserDetailList", caller);
            List<CompletableFuture<Void>> fetches = new ArrayList<>();
            for (String policyArn : managed) {
                fetches.add(run(() -> guarded(work, policyArn, () -> this.<Optional<ObjectNode>>cached("policy:" + policyArn,
                        () -> fetcher.managedPolicy(policyArn))
                        .ifPresent(node -> work.add(account, "Policies", node)))));
            }
            try {
                CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new)).join();
            } catch (java.util.concurrent.CompletionException e) {
                throw unwrapped(e);
            }
        });
    }

    private void organizationSide(AssumeRoleEvent event, Optional<String> role, Work work) {
        guarded(work, "the organization", () -> {
            OrganizationFetcher fetcher = new OrganizationFetcher(clients.organizations());
            Optional<Organization> org = cached("org", fetcher::organization);
            if (org.isEmpty()) {
                return;
            }
            ObjectNode file = Json.mapper().createObjectNode();
            file.putObject("Organization").put("Id", org.get().id()).put("MasterAccountId", org.get().masterAccountId());
            ObjectNode accounts = file.putObject("Accounts");
            Map<String, ObjectNode> policyNodes = new LinkedHashMap<>();
            ObjectNode targets = file.putObject("Targets");
            Set<String> needed = new LinkedHashSet<>();
            event.caller().accountId().ifPresent(needed::add);
            role.map(Arns::accountOf).ifPresent(needed::add);
            for (String account : needed) {
                Optional<List<String>> path = cached("path:" + account, () -> fetcher.path(account));
                if (path.isEmpty()) {
                    continue;
                }
                ArrayNode pathNode = accounts.putObject(account).putArray("Path");
                path.get().forEach(pathNode::add);
                List<String> levels = new ArrayList<>(path.get());
                levels.add(account);
                for (String target : levels) {
                    ArrayNode attached = targets.has(target) ? (ArrayNode) targets.get(target) : targets.putArray(target);
                    for (PolicyType type : List.of(PolicyType.SERVICE_CONTROL_POLICY, PolicyType.RESOURCE_CONTROL_POLICY)) {
                        List<PolicySummary> summaries = cached("targets:" + target + ":" + type, () -> enabledPolicies(fetcher, target, type));
                        for (PolicySummary summary : summaries) {
                            if (!policyNodes.containsKey(summary.id())) {
                                policyNodes.put(summary.id(), cached("org-policy:" + summary.id(), () -> fetcher.policy(summary)));
                            }
                            attached.add(summary.id());
                        }
                    }
                }
            }
            ArrayNode list = file.putArray("Policies");
            policyNodes.values().forEach(list::add);
            work.organization(file);
        });
    }

    /* An organization without RCPs enabled answers PolicyTypeNotEnabled: that is "none", not a gap. */
    private static List<PolicySummary> enabledPolicies(OrganizationFetcher fetcher, String target, PolicyType type) {
        try {
            return fetcher.policiesFor(target, type);
        } catch (InspectionDenied e) {
            if (e.getMessage().contains("PolicyTypeNotEnabled")) {
                return List.of();
            }
            throw e;
        }
    }

    /* One cache for every kind of entry; the key's prefix fixes the value's type. */
    @SuppressWarnings("unchecked")
    private <T> T cached(String key, Supplier<T> loader) {
        return (T) cache.get(key, loader::get);
    }

    /*
     * An event can never steer the inspector into an account outside the organization: with an
     * organization id set, every account but its own is checked with Organizations (cached) before
     * any AssumeRole into it; one outside becomes a data gap naming it.
     */
    private IamFetcher iam(String account) {
        Optional<String> organization = config.organizationId();
        if (organization.isPresent() && config.inspectorRoleName().isPresent() && !account.equals(clients.self().account())
                && !this.<Boolean>cached("member:" + account, () -> clients.isMember(account))) {
            throw new InspectionDenied("sts:AssumeRole", clients.roleFor(account), "account " + account + " is outside organization "
                    + organization.get() + ": no AssumeRole was attempted");
        }
        return new IamFetcher(clients.iam(account));
    }

    /** Per-account clients open now (bounded, least recently used closed first). */
    int openAccountClients() {
        return clients.openAccountClients();
    }

    /* A fault in any concurrent read fails the whole inspection, as itself. */
    private static RuntimeException unwrapped(java.util.concurrent.CompletionException e) {
        Throwable cause = e;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException r ? r : e;
    }

    private CompletableFuture<Void> run(Runnable task) {
        return CompletableFuture.runAsync(task, pool);
    }

    /* A refused read becomes a gap naming the API and what was refused; the rest goes on. */
    private void guarded(Work work, String subject, Runnable task) {
        try {
            task.run();
        } catch (InspectionDenied e) {
            String why = e.getMessage();
            if (config.inspectorRoleName().isPresent() && why.contains("sts:")) {
                why += " (the inspector role " + config.inspectorRoleName().get() + " must exist in that account and trust this function)";
            }
            work.gap(new DataGap(e.api() + " on " + e.resource(), why), subject);
        }
    }

    private static List<String> attachedArns(ObjectNode entity) {
        List<String> arns = new ArrayList<>();
        entity.path("AttachedManagedPolicies").forEach(p -> arns.add(p.path("PolicyArn").asText()));
        return arns;
    }

    /** Whose identity policies apply: the session's role, the federated user's user, the user. */
    static Optional<String> issuer(CallerIdentity caller) {
        return switch (caller.type()) {
            case "IAMUser" -> caller.arn();
            case "AssumedRole" -> caller.issuerArn().or(() -> caller.arn().map(arn -> "arn:" + Arns.partitionOf(arn) + ":iam::"
                    + Arns.accountOf(arn) + ":role/" + Arns.sessionRoleName(arn)));
            case "FederatedUser" -> caller.issuerArn();
            default -> Optional.empty();
        };
    }

    private static Optional<String> callerRoleName(CallerIdentity caller) {
        return caller.type().equals("AssumedRole") ? issuer(caller).map(Arns::nameOf) : Optional.empty();
    }

    /** Everything one inspection gathers, from several threads. */
    private static final class Work {
        private final Map<String, ObjectNode> accounts = new ConcurrentHashMap<>();
        private final List<DataGap> gaps = Collections.synchronizedList(new ArrayList<>());
        private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
        private volatile ObjectNode organization;

        ObjectNode account(String id) {
            return accounts.computeIfAbsent(id, k -> {
                ObjectNode node = Json.mapper().createObjectNode();
                for (String list : List.of("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")) {
                    node.putArray(list);
                }
                return node;
            });
        }

        void add(String account, String list, ObjectNode entry) {
            ObjectNode file = account(account);
            synchronized (file) {
                ArrayNode array = (ArrayNode) file.get(list);
                for (var existing : array) {
                    if (existing.path("Arn").equals(entry.path("Arn"))) {
                        return;
                    }
                }
                array.add(entry);
            }
        }

        void gap(DataGap gap, String subject) {
            gaps.add(gap);
            if (subject.startsWith("arn:")) {
                unreadable.add(subject);
            }
        }

        void organization(ObjectNode file) {
            organization = file;
        }

        Inspection result() {
            return new Inspection(new LinkedHashMap<>(accounts), Optional.ofNullable(organization), List.copyOf(gaps), Set.copyOf(unreadable));
        }
    }
}
