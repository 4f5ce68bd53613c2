package dev.assumeroledoctor.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.history.HistorySource;
import dev.assumeroledoctor.history.PolicyChanges;
import dev.assumeroledoctor.history.SuccessRecords;
import dev.assumeroledoctor.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * The live {@link HistorySource}: CloudTrail {@code LookupEvents} in each account through its
 * inspector role (the SDK's CloudTrail client, adaptive retry), Organizations and IAM through the
 * inspector's SDK clients. {@code LookupEvents} takes one attribute besides the time range and
 * answers two requests a second per account and region: every lookup waits its turn on
 * {@link LookupPacer}, reads at most {@link #MAX_PAGES} pages and says when it stopped early.
 */
final class CloudTrailHistory implements HistorySource {
    static final int MAX_PAGES = 10;
    private static final List<String> CALLS = List.of("AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity");
    private static final Set<String> REFUSALS = Set.of("AccessDenied", "AccessDeniedException", "UnrecognizedClientException",
            "InvalidClientTokenId", "UnauthorizedOperation");
    private final AwsClients clients;
    private final InspectorConfig config;
    private final Consumer<String> admit;
    private final List<String> regions;
    private final Pacer pacer;

    CloudTrailHistory(AwsClients clients, InspectorConfig config, Consumer<String> admit, List<String> regions, Pacer pacer) {
        this.clients = clients;
        this.config = config;
        this.admit = admit;
        this.regions = List.copyOf(regions);
        this.pacer = pacer;
    }

    /** What spaces the lookups of one account and region: this container alone, or every container (SharedLookupPacer). */
    interface Pacer {
        void await(String key);
    }

    @Override
    public List<String> regions() {
        return regions;
    }

    @Override
    public Records successes(String account, Instant since) {
        List<JsonNode> found = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        for (String region : regions) {
            for (String call : CALLS) {
                Page page = lookup(account, region, "EventName", call, since, Optional.empty());
                page.records().stream().filter(SuccessRecords::isSuccess).forEach(found::add);
                page.cut().ifPresent(gaps::add);
            }
        }
        return new Records(HistorySource.newestFirst(found), gaps);
    }

    @Override
    public Records iamChanges(String account, Instant since) {
        Page page = lookup(account, clients.partition().globalEventsRegion(), "EventSource", PolicyChanges.IAM, since, Optional.empty());
        List<JsonNode> changes = page.records().stream().filter(PolicyChanges::isChange).filter(r -> !r.hasNonNull("errorCode")).toList();
        return new Records(changes, page.cut().map(List::of).orElse(List.of()));
    }

    @Override
    public Records organizationChanges(Instant since) {
        String account = clients.organizationAccount();
        Page page = lookup(account, clients.partition().globalEventsRegion(), "EventSource", PolicyChanges.ORGANIZATIONS, since, Optional.empty(),
                clients.organizationCredentials());
        List<JsonNode> changes = page.records().stream().filter(PolicyChanges::isChange).filter(r -> !r.hasNonNull("errorCode")).toList();
        return new Records(changes, page.cut().map(List::of).orElse(List.of()));
    }

    @Override
    public Optional<JsonNode> callerCopy(String callerAccount, JsonNode roleAccountRecord) {
        String shared = roleAccountRecord.path("sharedEventID").asText("");
        Instant at = dev.assumeroledoctor.history.SuccessRecords.time(roleAccountRecord).orElse(null);
        if (shared.isEmpty() || at == null) {
            return Optional.empty();
        }
        // the caller's copy is logged in the same region, at the same second: a two-minute window finds it
        String region = roleAccountRecord.path("awsRegion").asText(clients.partition().globalEventsRegion());
        Page page = lookup(callerAccount, region, "EventName", roleAccountRecord.path("eventName").asText(), at.minusSeconds(60),
                Optional.of(at.plusSeconds(60)));
        return page.records().stream().filter(r -> shared.equals(r.path("sharedEventID").asText())).findFirst();
    }

    @Override
    public List<String> accountsUnder(String targetId) {
        if (targetId.matches("\\d{12}")) {
            return List.of(targetId);
        }
        // every account under the target, OU by OU: Organizations' structure, read once per change
        List<String> accounts = new ArrayList<>();
        Deque<String> parents = new ArrayDeque<>(List.of(targetId));
        while (!parents.isEmpty()) {
            String parent = parents.removeFirst();
            accounts.addAll(read("organizations:ListAccountsForParent", parent, () -> clients.organizations()
                    .listAccountsForParentPaginator(r -> r.parentId(parent)).stream().flatMap(p -> p.accounts().stream()).map(a -> a.id()).toList()));
            parents.addAll(read("organizations:ListOrganizationalUnitsForParent", parent, () -> clients.organizations()
                    .listOrganizationalUnitsForParentPaginator(r -> r.parentId(parent)).stream()
                    .flatMap(p -> p.organizationalUnits().stream()).map(o -> o.id()).toList()));
        }
        return accounts;
    }

    @Override
    public Set<String> policyTargets(String policyId) {
        return new LinkedHashSet<>(read("organizations:ListTargetsForPolicy", policyId, () -> clients.organizations()
                .listTargetsForPolicyPaginator(r -> r.policyId(policyId)).stream().flatMap(p -> p.targets().stream()).map(t -> t.targetId()).toList()));
    }

    @Override
    public Attachments attachedTo(String account, String policyArn) {
        admitted(account);
        return read("iam:ListEntitiesForPolicy", policyArn, () -> {
            Attachments found = new Attachments(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
            // the pages are read once: the three flattened views would each read them again
            clients.iam(account).listEntitiesForPolicyPaginator(r -> r.policyArn(policyArn)).forEach(page -> {
                page.policyRoles().forEach(r -> found.roles().add(r.roleName()));
                page.policyUsers().forEach(u -> found.users().add(u.userName()));
                page.policyGroups().forEach(g -> found.groups().add(g.groupName()));
            });
            return found;
        });
    }

    @Override
    public Set<String> groupMembers(String account, String groupName) {
        admitted(account);
        return read("iam:GetGroup", groupName, () -> names(clients.iam(account).getGroupPaginator(r -> r.groupName(groupName)).users()
                .stream().map(u -> u.userName()).toList()));
    }

    /* One paged lookup: its records (parsed from CloudTrailEvent) and, when the page bound cut it, a line saying so. */
    private record Page(List<JsonNode> records, Optional<String> cut) {
    }

    private Page lookup(String account, String region, String key, String value, Instant since, Optional<Instant> until) {
        admitted(account);
        return lookup(account, region, key, value, since, until, clients.credentials(account));
    }

    private Page lookup(String account, String region, String key, String value, Instant since, Optional<Instant> until,
                        software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
        CloudTrailClient trail = clients.cloudTrail(account, region, credentials);
        List<JsonNode> records = new ArrayList<>();
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            LookupEventsRequest.Builder request = LookupEventsRequest.builder()
                    .lookupAttributes(LookupAttribute.builder().attributeKey(key).attributeValue(value).build())
                    .startTime(since).maxResults(50).nextToken(token);
            until.ifPresent(request::endTime);
            pacer.await(account + "/" + region);
            LookupEventsResponse answer = call(trail, request.build(), account, region);
            for (Event event : answer.events()) {
                try {
                    records.add(Json.readTree(Optional.ofNullable(event.cloudTrailEvent()).orElse("")));
                } catch (IllegalArgumentException unreadable) {
                    // a record CloudTrail could not give whole is skipped: it names no path we could re-evaluate
                }
            }
            token = answer.nextToken();
            if (token == null || token.isEmpty()) {
                return new Page(records, Optional.empty());
            }
        }
        return new Page(records, Optional.of("the event history of account " + account + " in " + region + " for " + value + " was read up to "
                + MAX_PAGES + " pages (" + records.size() + " events): older calls were not checked"));
    }

    private LookupEventsResponse call(CloudTrailClient trail, LookupEventsRequest request, String account, String region) {
        try {
            return trail.lookupEvents(request);
        } catch (CloudTrailException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (REFUSALS.contains(code)) {
                throw new Gap("cloudtrail:LookupEvents was refused in account " + account + ", " + region + " (" + code
                        + "): the inspector role needs cloudtrail:LookupEvents");
            }
            throw new InspectionFault("cloudtrail:LookupEvents in " + account + "/" + region, e);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            // not CloudTrail's answer: the account's credentials could not be had, so the inspector role could not be assumed.
            // Sorted as every other read sorts it (a refusal is a gap of the history, anything else a fault), and named as what it is.
            return read("sts:AssumeRole into the inspector role, for cloudtrail:LookupEvents", clients.roleFor(account), () -> {
                throw e;
            });
        }
    }

    private void admitted(String account) {
        try {
            admit.accept(account);
        } catch (InspectionDenied e) {
            throw new Gap(e.getMessage());
        }
    }

    /* A refused read is a gap of the history; a fault fails the invocation, as every inspector read does. */
    private static <T> T read(String api, String resource, Supplier<T> call) {
        try {
            return Calls.required(api, resource, call);
        } catch (InspectionDenied e) {
            throw new Gap(e.getMessage());
        }
    }

    private static Set<String> names(List<String> names) {
        return new LinkedHashSet<>(names);
    }

    /** Keeps each account and region at CloudTrail's two lookups a second. */
    static final class LookupPacer implements Pacer {
        static final Duration SPACING = Duration.ofMillis(500);
        /* Slots kept at once: past ones are dropped when there are more, so a warm container meeting every account stays small. */
        static final int MAX_KEYS = 1_000;
        private final Clock clock;
        private final java.util.Map<String, Instant> next = new java.util.HashMap<>();

        LookupPacer(Clock clock) {
            this.clock = clock;
        }

        /** How many accounts and regions are paced now. */
        int keys() {
            synchronized (next) {
                return next.size();
            }
        }

        @Override
        public void await(String key) {
            long wait;
            synchronized (next) {
                Instant now = clock.instant();
                if (next.size() >= MAX_KEYS) {
                    next.values().removeIf(slot -> !slot.isAfter(now));
                }
                Instant slot = next.getOrDefault(key, now).isAfter(now) ? next.get(key) : now;
                next.put(key, slot.plus(SPACING));
                wait = Duration.between(now, slot).toMillis();
            }
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while pacing CloudTrail lookups", e);
                }
            }
        }
    }
}
