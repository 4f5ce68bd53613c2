package dev.assumeroledoctor.history;

import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.CauseId;
import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.evaluation.PolicyRef;
import dev.assumeroledoctor.evaluation.PolicyType;
import dev.assumeroledoctor.history.PolicyChange.CallerRole;
import dev.assumeroledoctor.history.PolicyChange.CallerUser;
import dev.assumeroledoctor.history.PolicyChange.Group;
import dev.assumeroledoctor.history.PolicyChange.ManagedPolicy;
import dev.assumeroledoctor.history.PolicyChange.OrganizationAccount;
import dev.assumeroledoctor.history.PolicyChange.OrganizationPolicy;
import dev.assumeroledoctor.history.PolicyChange.Subject;
import dev.assumeroledoctor.history.PolicyChange.TargetRole;
import dev.assumeroledoctor.snapshot.OrganizationSnapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which recent changes concern one diagnosed call — the role, the caller, a policy a cause names,
 * the organization levels above either account — and which of them a cause points at: the likely
 * trigger ("the failure started after an SCP, boundary or tag change").
 */
public final class ChangeRelevance {
    private final Diagnosis diagnosis;
    private final Optional<OrganizationSnapshot> organization;
    private final String roleAccount;
    private final String roleName;
    private final String callerAccount;
    private final String callerName;

    public ChangeRelevance(Diagnosis diagnosis, Optional<OrganizationSnapshot> organization) {
        this.diagnosis = diagnosis;
        this.organization = organization;
        String role = diagnosis.request().roleArn().orElse("");
        this.roleAccount = diagnosis.request().roleAccount().orElse("");
        this.roleName = Arns.nameOf(role);
        String caller = diagnosis.request().caller().principalArn();
        this.callerAccount = diagnosis.request().callerAccount().orElse("");
        this.callerName = caller.substring(caller.lastIndexOf('/') + 1);
    }

    /** The subject of a change that concerns this call, in words, or empty when it concerns something else. */
    public Optional<String> concerns(PolicyChange change) {
        for (Subject s : change.subjects()) {
            Optional<String> what = concerns(s);
            if (what.isPresent()) {
                return what;
            }
        }
        return Optional.empty();
    }

    /** Whether a cause of the diagnosis points at what the change edited. */
    public boolean likelyTrigger(PolicyChange change) {
        for (Cause cause : diagnosis.causes()) {
            if (cause.id() == CauseId.NOT_REPRODUCED || cause.id() == CauseId.INSUFFICIENT_DATA) {
                continue;
            }
            for (Subject s : change.subjects()) {
                if (pointsAt(cause, change.eventName(), s)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Optional<String> concerns(Subject s) {
        if (s instanceof TargetRole t && isRole(t.account(), t.roleName())) {
            return Optional.of("role " + t.roleName());
        }
        if (s instanceof CallerRole c && (isRole(c.account(), c.roleName()) || isCaller(c.account(), c.roleName()))) {
            return Optional.of("role " + c.roleName());
        }
        if (s instanceof CallerUser u && isCaller(u.account(), u.userName())) {
            return Optional.of("user " + u.userName());
        }
        if (s instanceof Group g && causePolicies().stream().anyMatch(p -> p.attachedTo().filter(a -> a.endsWith("group/" + g.groupName())).isPresent())) {
            return Optional.of("group " + g.groupName());
        }
        if (s instanceof ManagedPolicy m && causePolicies().stream().anyMatch(p -> p.arn().filter(m.policyArn()::equals).isPresent())) {
            return Optional.of("managed policy " + m.policyArn());
        }
        if (s instanceof OrganizationPolicy p && (levels().contains(p.targetId().orElse("")) || causePolicyIds().contains(p.policyId())
                || (p.targetId().isEmpty() && attachedAbove(p.policyId())))) {
            return Optional.of("organization policy " + p.policyId() + p.targetId().map(t -> " at " + t).orElse(""));
        }
        if (s instanceof OrganizationAccount a && (a.accountId().equals(roleAccount) || a.accountId().equals(callerAccount))) {
            return Optional.of("account " + a.accountId() + " (moved between OUs)");
        }
        return Optional.empty();
    }

    private boolean pointsAt(Cause cause, String eventName, Subject s) {
        if (cause.id() == CauseId.CONDITION_TAGS) {
            return eventName.matches("(Tag|Untag)(Role|User)") && concerns(s).isPresent();
        }
        Optional<PolicyRef> ref = cause.policy();
        PolicyType type = cause.policyType().orElse(null);
        if (type == null) {
            return false;
        }
        return switch (type) {
            case TRUST -> eventName.equals("UpdateAssumeRolePolicy") && s instanceof TargetRole t && isRole(t.account(), t.roleName());
            case IDENTITY, SESSION -> eventName.matches("(Put|Delete|Attach|Detach)(User|Role|Group)Policy|RemoveUserFromGroup")
                    && concerns(s).isPresent() && !(s instanceof TargetRole)
                    || s instanceof ManagedPolicy m && ref.flatMap(PolicyRef::arn).filter(m.policyArn()::equals).isPresent();
            case BOUNDARY -> eventName.matches("(Put|Delete)(User|Role)PermissionsBoundary") && concerns(s).isPresent()
                    || s instanceof ManagedPolicy m && ref.flatMap(PolicyRef::arn).filter(m.policyArn()::equals).isPresent();
            case SCP, RCP -> s instanceof OrganizationPolicy p && (ref.flatMap(PolicyRef::arn).filter(p.policyId()::equals).isPresent()
                    || p.targetId().isPresent() && ref.flatMap(PolicyRef::level).filter(p.targetId().get()::equals).isPresent())
                    || s instanceof OrganizationAccount a && concerns(a).isPresent();
        };
    }

    private boolean isRole(String account, String name) {
        return account.equals(roleAccount) && name.equalsIgnoreCase(roleName);
    }

    private boolean isCaller(String account, String name) {
        return account.equals(callerAccount) && name.equalsIgnoreCase(callerName);
    }

    private List<PolicyRef> causePolicies() {
        return diagnosis.causes().stream().flatMap(c -> c.policy().stream()).toList();
    }

    private Set<String> causePolicyIds() {
        Set<String> ids = new HashSet<>();
        causePolicies().stream().filter(p -> p.type() == PolicyType.SCP || p.type() == PolicyType.RCP).forEach(p -> p.arn().ifPresent(ids::add));
        return ids;
    }

    /* The roots, OUs and accounts above the caller's and the role's accounts. */
    private Set<String> levels() {
        Set<String> levels = new HashSet<>(List.of(roleAccount, callerAccount));
        organization.ifPresent(o -> {
            levels.addAll(o.accountPaths().getOrDefault(roleAccount, List.of()));
            levels.addAll(o.accountPaths().getOrDefault(callerAccount, List.of()));
        });
        levels.remove("");
        return levels;
    }

    private boolean attachedAbove(String policyId) {
        return organization.map(o -> levels().stream().anyMatch(l -> o.targets().getOrDefault(l, List.of()).contains(policyId))).orElse(false);
    }
}
