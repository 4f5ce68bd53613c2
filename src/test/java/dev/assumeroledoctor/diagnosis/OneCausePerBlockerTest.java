package dev.assumeroledoctor.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.remediation.CallerAction;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.report.TextReport;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A report names each blocker once, with every action it blocks, and each fix once. Every sample
 * (one per cause id, docs/causes.md) is diagnosed as recorded and again with session tags and a
 * source identity passed, so the request asks for sts:TagSession and sts:SetSourceIdentity as well
 * ("Passing session tags in AWS STS": the trust policy must allow sts:TagSession; "Monitor and
 * control actions taken with assumed roles": sts:SetSourceIdentity): the causes of the three
 * actions must collapse into one per blocker.
 */
class OneCausePerBlockerTest {
    /* causes that the trust policy as a whole gives: the statement they point at is where a grant would go */
    private static final Set<CauseId> WHOLE_POLICY = EnumSet.of(CauseId.TRUST_PRINCIPAL_NOT_TRUSTED, CauseId.TRUST_PRINCIPAL_DELETED,
            CauseId.FEDERATION_PROVIDER);

    @Test
    void everyCauseIdIsReportedOncePerBlockerWithEveryActionItBlocksAndEveryFixOnce() throws Exception {
        Set<CauseId> seen = EnumSet.noneOf(CauseId.class);
        int withSeveralActions = 0;
        for (Samples sample : Samples.all().toList()) {
            for (JsonNode event : List.of(sample.event(), withTagsAndSourceIdentity(sample.event()))) {
                Report report = sample.diagnose(event);
                if (!(report instanceof Report.Diagnosed d)) {
                    continue;
                }
                String context = sample.name() + " " + d.diagnosis().request().actions();
                Set<List<Object>> blockers = new HashSet<>();
                Set<String> explanations = new HashSet<>();
                for (Cause cause : d.diagnosis().causes()) {
                    seen.add(cause.id());
                    List<Object> key = List.of(cause.id(), cause.policy().map(Object::toString).orElse(""),
                            WHOLE_POLICY.contains(cause.id()) ? Optional.empty() : cause.statementIndex(),
                            cause.condition().map(ConditionFinding::key).orElse(""));
                    assertThat(blockers.add(key)).as(context + ": %s reported twice", key).isTrue();
                    assertThat(explanations.add(cause.explanation())).as(context + ": the same explanation twice").isTrue();
                    if (cause.actions().size() > 1) {
                        withSeveralActions++;
                        cause.actions().forEach(a -> assertThat(cause.explanation().contains(a) || !cause.explanation().contains("sts:"))
                                .as(context + ": " + cause.explanation() + " names " + a).isTrue());
                    }
                }
                List<String> fixes = d.remediation().actions().stream().map(CallerAction::text).toList();
                assertThat(fixes).as(context).doesNotHaveDuplicates();
                List<String> fixLines = TextReport.render(d).lines().filter(l -> l.startsWith("  - ")).toList();
                assertThat(fixLines).as(context).doesNotHaveDuplicates();
            }
        }
        assertThat(seen).as("the samples reach every cause id").containsAll(EnumSet.allOf(CauseId.class));
        assertThat(withSeveralActions).as("causes that block several actions, merged").isGreaterThan(5);
    }

    /* The same call passing session tags and a source identity: three actions instead of one. */
    private static JsonNode withTagsAndSourceIdentity(JsonNode event) {
        ObjectNode copy = event.deepCopy();
        JsonNode detail = copy.has("detail") ? copy.get("detail") : copy;
        if (detail.path("requestParameters").isObject()) {
            ObjectNode parameters = (ObjectNode) detail.get("requestParameters");
            parameters.putArray("tags").addObject().put("key", "team").put("value", "payments");
            parameters.put("sourceIdentity", "alice");
        }
        return copy;
    }

}
