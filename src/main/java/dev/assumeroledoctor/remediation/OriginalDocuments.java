package dev.assumeroledoctor.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.snapshot.AccountSnapshot;
import dev.assumeroledoctor.snapshot.InlinePolicy;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Today's JSON of a patch target, as the snapshot holds it; empty for a policy that does not exist yet. */
public final class OriginalDocuments {
    private OriginalDocuments() {
    }

    public static Optional<JsonNode> find(PatchTarget target, Snapshot snapshot) {
        if (target instanceof PatchTarget.TrustPolicy t) {
            return account(snapshot, t.roleArn()).flatMap(a -> a.role(t.roleArn())).map(r -> r.trustPolicy().json());
        }
        if (target instanceof PatchTarget.InlinePolicy i) {
            return account(snapshot, i.ownerArn()).flatMap(a -> inlineOf(a, i.ownerArn()).stream()
                    .filter(p -> p.name().equals(i.policyName())).findFirst()).map(p -> p.policy().json());
        }
        if (target instanceof PatchTarget.ManagedPolicy m) {
            return account(snapshot, m.policyArn()).flatMap(a -> a.policy(m.policyArn())).map(p -> p.policy().json());
        }
        PatchTarget.OrganizationPolicy o = (PatchTarget.OrganizationPolicy) target;
        return snapshot.organization().map(org -> org.policiesById().get(o.policyId())).map(p -> p.policy().json());
    }

    private static Optional<AccountSnapshot> account(Snapshot snapshot, String arn) {
        return snapshot.account(Arns.accountOf(arn));
    }

    static List<InlinePolicy> inlineOf(AccountSnapshot account, String ownerArn) {
        return Stream.of(
                account.user(ownerArn).map(u -> u.inlinePolicies()),
                account.role(ownerArn).map(r -> r.inlinePolicies()),
                account.groupsByName().values().stream().filter(g -> g.arn().equals(ownerArn)).findFirst().map(g -> g.inlinePolicies()))
                .flatMap(Optional::stream).findFirst().orElse(List.of());
    }
}
