package dev.assumeroledoctor.watch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.history.HistorySource;
import dev.assumeroledoctor.history.PolicyChange;
import dev.assumeroledoctor.history.PolicyChange.CallerRole;
import dev.assumeroledoctor.history.PolicyChange.CallerUser;
import dev.assumeroledoctor.history.PolicyChange.Group;
import dev.assumeroledoctor.history.PolicyChange.ManagedPolicy;
import dev.assumeroledoctor.history.PolicyChange.OrganizationAccount;
import dev.assumeroledoctor.history.PolicyChange.OrganizationPolicy;
import dev.assumeroledoctor.history.PolicyChange.Subject;
import dev.assumeroledoctor.history.SuccessRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where a change's broken paths can be found: per account, the calls it involves. A role as the
 * one assumed is searched in its own account (where every call to it is recorded); a caller in
 * its own account (where every call it makes is recorded); an SCP or RCP in every account under
 * its targets, however many (the function fans them out as parts: pipeline.WatchParts).
 */
record Searches(Map<String, List<Predicate<JsonNode>>> byAccount) {

    static Searches of(PolicyChange change, HistorySource history, ChangeWatch.Findings found) {
        Map<String, List<Predicate<JsonNode>>> byAccount = new LinkedHashMap<>();
        Set<String> orgAccounts = new LinkedHashSet<>();
        for (Subject subject : change.subjects()) {
            try {
                expand(subject, history, byAccount, orgAccounts, found);
            } catch (HistorySource.Gap gap) {
                found.gaps.add(gap.getMessage());
            }
        }
        for (String account : orgAccounts) {
            byAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(r -> true);
        }
        return new Searches(byAccount);
    }

    /*
     * The calls of one account a change involves, without expanding the rest: an organization policy
     * or account change involves every call in the accounts its plan lists.
     */
    static Predicate<JsonNode> forAccount(PolicyChange change, String account, HistorySource history, ChangeWatch.Findings found) {
        if (change.subjects().stream().anyMatch(s -> s instanceof OrganizationPolicy || s instanceof OrganizationAccount)) {
            return r -> true;
        }
        return of(change, history, found).predicate(account);
    }

    List<String> accounts() {
        return List.copyOf(byAccount.keySet());
    }

    Predicate<JsonNode> predicate(String account) {
        return byAccount.getOrDefault(account, List.of()).stream().reduce(r -> false, Predicate::or);
    }

    private static void expand(Subject subject, HistorySource history, Map<String, List<Predicate<JsonNode>>> byAccount,
                               Set<String> orgAccounts, ChangeWatch.Findings found) {
        if (subject instanceof PolicyChange.TargetRole t) {
            add(byAccount, t.account(), subject);
        } else if (subject instanceof CallerRole c) {
            add(byAccount, c.account(), subject);
        } else if (subject instanceof CallerUser u) {
            add(byAccount, u.account(), subject);
        } else if (subject instanceof Group g) {
            history.groupMembers(g.account(), g.groupName()).forEach(user -> add(byAccount, g.account(), new CallerUser(g.account(), user)));
        } else if (subject instanceof ManagedPolicy m) {
            HistorySource.Attachments attached = history.attachedTo(m.account(), m.policyArn());
            attached.roles().forEach(role -> add(byAccount, m.account(), new CallerRole(m.account(), role)));
            attached.users().forEach(user -> add(byAccount, m.account(), new CallerUser(m.account(), user)));
            for (String group : attached.groups()) {
                expand(new Group(m.account(), group), history, byAccount, orgAccounts, found);
            }
        } else if (subject instanceof OrganizationPolicy p) {
            Set<String> targets = p.targetId().map(Set::of).orElseGet(() -> history.policyTargets(p.policyId()));
            for (String target : targets) {
                orgAccounts.addAll(history.accountsUnder(target));
            }
        } else if (subject instanceof OrganizationAccount a) {
            orgAccounts.add(a.accountId());
        }
    }

    private static void add(Map<String, List<Predicate<JsonNode>>> byAccount, String account, Subject subject) {
        byAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(SuccessRecords.involving(subject));
    }
}
