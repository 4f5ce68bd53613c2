package dev.assumeroledoctor.inspect;

import dev.assumeroledoctor.snapshot.Inspection;
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
    /* The three sides (role, caller, organization) wait on their calls; the calls never wait: two pools, no deadlock. */
    private final ExecutorService pool;
    private final ExecutorService calls;
    private final TtlCache<String, Object> cache;
    private volatile Optional<String> functionName = Optional.empty();
    private volatile CloudTrailHistory.Pacer pacer = new CloudTrailHistory.LookupPacer(Clock.systemUTC());

    public LiveInspector(InspectorConfig config) {
        this(config, Clock.systemUTC());
    }

    LiveInspector(InspectorConfig config, Clock clock) {
        this.config = config;
        this.clients = new AwsClients(config);
        this.pool = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "inspector-side");
            thread.setDaemon(true);
            return thread;
        });
        this.calls = Executors.newFixedThreadPool(config.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "inspector-call");
            thread.setDaemon(true);
            return thread;
        });
        this.cache = new TtlCache<>(config.cacheTtl(), clock, CACHE_ENTRIES);
    }

    /**
     * What the Lambda context tells of the function itself (its ARN names its account, its session is
     * named after it), so no GetCallerIdentity runs before the first read.
     */
    public void identify(String invokedFunctionArn, String name) {
        String[] parts = invokedFunctionArn.split(":");
        if (parts.length > 4 && parts[4].matches("\\d{12}") && !name.isBlank()) {
            clients.identify(parts[4]);
            functionName = Optional.of(name);
        }
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
        return SelfCalls.reason(event, functionName, clients, issuer(event.caller()));
    }

    public Inspection inspect(AssumeRoleEvent event) {
        InspectionWork work = new InspectionWork();
        Optional<String> role = RequestRebuilder.roleArn(event);
        Optional<String> issuer = issuer(event.caller());
        List<CompletableFuture<Void>> sides = new ArrayList<>();
        sides.add(run(() -> roleSide(event, role, work)));
        issuer.ifPresent(arn -> sides.add(run(() -> callerSide(arn, work))));
        sides.add(run(() -> organizationSide(event, role, work)));
        Async.join(CompletableFuture.allOf(sides.toArray(CompletableFuture[]::new)));
        return work.result();
    }

    private void roleSide(AssumeRoleEvent event, Optional<String> role, InspectionWork work) {
        String account = role.map(Arns::accountOf).or(event::recipientAccountId).orElse("");
        if (account.isEmpty()) {
            return;
        }
        List<String> roles = new ArrayList<>();
        role.ifPresent(roles::add);
        Optional<String> provider = event.caller().identityProvider();
        if (event.call().federated()) {
            guarded(work, account, DataGap.Decision.TRUST, () -> {
                var fetcher = iam(account);
                var oidc = CompletableFuture.supplyAsync(fetcher::oidcProviders, calls);
                var saml = CompletableFuture.supplyAsync(fetcher::samlProviders, calls);
                var trusting = role.isEmpty() && provider.isPresent()
                        ? CompletableFuture.supplyAsync(() -> fetcher.rolesTrusting(provider.get()), calls)
                        : CompletableFuture.completedFuture(List.<String>of());
                work.account(account).set("OpenIDConnectProviderList", Async.join(oidc));
                work.account(account).set("SAMLProviderList", Async.join(saml));
                roles.addAll(Async.join(trusting));
            });
        }
        // every candidate role is asked at once; each is waited for here, never on another pool task
        Map<String, CompletableFuture<Optional<ObjectNode>>> reads = new LinkedHashMap<>();
        for (String arn : roles) {
            guarded(work, arn, DataGap.Decision.TRUST, () -> reads.put(arn, cachedAsync("role:" + arn, () -> iam(account).role(arn, arns -> { }))));
        }
        work.account(account);
        reads.forEach((arn, read) -> guarded(work, arn, DataGap.Decision.TRUST, () -> Async.join(read).ifPresent(node -> work.add(account, "RoleDetailList", node))));
    }

    /*
     * The caller's entity, groups and managed policies: wave 1 reads the entity and its lists, and
     * the moment they name a managed policy (or boundary) its GetPolicy starts, beside wave 2.
     */
    private void callerSide(String issuer, InspectionWork work) {
        String account = Arns.accountOf(issuer);
        guarded(work, issuer, DataGap.Decision.CALLER_IDENTITY, () -> {
            IamFetcher fetcher = iam(account);
            boolean isRole = issuer.contains(":role/");
            Map<String, CompletableFuture<Void>> managed = new ConcurrentHashMap<>();
            java.util.function.Consumer<List<String>> onAttached = arns -> arns.forEach(arn -> managed.computeIfAbsent(arn,
                    a -> managedPolicy(fetcher, account, a, work)));
            CompletableFuture<List<ObjectNode>> groups = isRole ? CompletableFuture.completedFuture(List.of())
                    : cachedAsync("groups:" + issuer, () -> fetcher.groups(issuer, onAttached));
            Optional<ObjectNode> entity = cachedEntity((isRole ? "role:" : "user:") + issuer,
                    () -> isRole ? fetcher.role(issuer, onAttached) : fetcher.user(issuer, onAttached));
            if (entity.isEmpty()) {
                work.gap(new DataGap("the caller " + issuer, "it no longer exists", DataGap.Decision.CALLER_IDENTITY), issuer);
                return;
            }
            ObjectNode caller = entity.get().deepCopy();
            onAttached.accept(attachedArns(caller));
            Optional.ofNullable(caller.path("PermissionsBoundary").path("PermissionsBoundaryArn").textValue()).ifPresent(b -> onAttached.accept(List.of(b)));
            if (!isRole) {
                ArrayNode groupNames = caller.putArray("GroupList");
                for (ObjectNode group : Async.join(groups)) {
                    groupNames.add(group.path("GroupName").asText());
                    work.add(account, "GroupDetailList", group);
                    onAttached.accept(attachedArns(group));
                }
            }
            work.add(account, isRole ? "RoleDetailList" : "UserDetailList", caller);
            Async.join(CompletableFuture.allOf(managed.values().toArray(CompletableFuture[]::new)));
        });
    }

    /* One managed policy into the account's file: from the cache, else GetPolicy then GetPolicyVersion; a refusal is a gap. */
    private CompletableFuture<Void> managedPolicy(IamFetcher fetcher, String account, String arn, InspectionWork work) {
        return cachedAsync("policy:" + arn, () -> fetcher.managedPolicy(arn)).handle((found, failure) -> {
            if (failure != null) {
                guarded(work, arn, DataGap.Decision.CALLER_IDENTITY, () -> Async.join(CompletableFuture.<Void>failedFuture(failure)));
                return null;
            }
            found.ifPresent(node -> work.add(account, "Policies", node));
            return null;
        });
    }

    private void organizationSide(AssumeRoleEvent event, Optional<String> role, InspectionWork work) {
        guarded(work, "the organization", DataGap.Decision.ORGANIZATION, () -> {
            Set<String> needed = new LinkedHashSet<>();
            event.caller().accountId().ifPresent(needed::add);
            role.map(Arns::accountOf).ifPresent(needed::add);
            new OrganizationSide(new OrganizationFetcher(clients.organizations()), calls, cache).read(needed).ifPresent(work::organization);
        });
    }

    /* A cached read made of asynchronous calls: a hit costs no call, a miss is stored when it completes. */
    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> cachedAsync(String key, Supplier<CompletableFuture<T>> load) {
        Optional<Object> hit = cache.peek(key);
        if (hit.isPresent()) {
            return CompletableFuture.completedFuture((T) hit.get());
        }
        return load.get().thenApply(value -> {
            cache.put(key, value);
            return value;
        });
    }

    private Optional<ObjectNode> cachedEntity(String key, Supplier<CompletableFuture<Optional<ObjectNode>>> load) {
        return Async.join(cachedAsync(key, load));
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
        admit(account);
        return new IamFetcher(clients.iam(account), calls);
    }

    private void admit(String account) {
        Optional<String> organization = config.organizationId();
        if (organization.isPresent() && config.inspectorRoleName().isPresent() && !account.equals(clients.selfAccount())
                && !this.<Boolean>cached("member:" + account, () -> clients.isMember(account))) {
            throw new InspectionDenied("sts:AssumeRole", clients.roleFor(account), "account " + account + " is outside organization "
                    + organization.get() + ": no AssumeRole was attempted");
        }
    }

    /**
     * The organization's recent history through the same clients, credentials and organization
     * guard as the inspection.
     *
     * @param regions where AssumeRole events are searched: the regions whose STS endpoints callers use
     */
    public dev.assumeroledoctor.history.HistorySource history(java.util.List<String> regions) {
        return new CloudTrailHistory(clients, config, this::admit, regions, pacer);
    }

    /**
     * The successes from Athena over the organization trail (one query per account, every region), the
     * rest of the history as {@link #history} reads it.
     */
    public dev.assumeroledoctor.history.HistorySource athenaHistory(String workgroup, String database, String table, java.util.List<String> regions) {
        return new AthenaHistory(clients.athena(), new AthenaHistory.Table(workgroup, database, table), history(regions), Clock.systemUTC(),
                millis -> {
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for an Athena query", e);
                    }
                }, java.time.Duration.ofMinutes(2));
    }

    /**
     * Paces CloudTrail's lookups across every container through the ledger's table, not in this one alone
     * (CloudTrail's rate is the account's, shared by every worker and diagnosis).
     */
    public void shareLookupPacing(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo, String table) {
        pacer = new SharedLookupPacer(dynamo, table, Clock.systemUTC(), millis -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing CloudTrail lookups", e);
            }
        });
    }

    /** The same history, its diagnosis lookups shared per account in a warm container ({@link SharedHistory}). */
    public dev.assumeroledoctor.history.HistorySource sharedHistory(java.util.List<String> regions) {
        return new SharedHistory(history(regions), Clock.systemUTC());
    }

    /**
     * Which stack defines a resource, and its template, read in the resource's account with the
     * inspector's credentials there and the same organization guard.
     *
     * @param regions where the stacks that define IAM resources are deployed
     */
    public dev.assumeroledoctor.iac.StackSource stacks(java.util.List<String> regions) {
        return new StackOwners(clients, this::admit, regions, calls);
    }

    /** Per-account clients open now (bounded, least recently used closed first). */
    int openAccountClients() {
        return clients.openAccountClients();
    }

    private CompletableFuture<Void> run(Runnable task) {
        return CompletableFuture.runAsync(task, pool);
    }

    /* A refused read becomes a gap naming the API and what was refused; the rest goes on. */
    /* A refusal is a gap of the decision the read serves; one to assume the inspector role, of everything in that account. */
    private void guarded(InspectionWork work, String subject, DataGap.Decision decision, Runnable task) {
        try {
            task.run();
        } catch (InspectionDenied e) {
            String why = e.getMessage();
            if (config.inspectorRoleName().isPresent() && why.contains("sts:")) {
                why += " (the inspector role " + config.inspectorRoleName().get() + " must exist in that account and trust this function)";
            }
            work.gap(new DataGap(e.api() + " on " + e.resource(), why, e.api().startsWith("sts:") ? DataGap.Decision.ACCOUNT : decision), subject);
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
}
