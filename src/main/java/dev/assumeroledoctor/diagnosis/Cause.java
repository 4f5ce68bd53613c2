package dev.assumeroledoctor.diagnosis;

import dev.assumeroledoctor.evaluation.PolicyRef;
import dev.assumeroledoctor.evaluation.PolicyType;
import dev.assumeroledoctor.policy.Statement;
import java.util.List;
import java.util.Optional;

/**
 * One reason AWS denied the request.
 *
 * @param statement the statement's Sid or position ({@code Statement[2]})
 * @param statementIndex the statement's position in its document, for patching it
 * @param inferred  the cause rests on a value the record does not tell: AWS denied, and this is
 *                  the only way (or one possible way) the request could have been denied
 * @param actions   the actions of the request this cause blocks (sts:AssumeRole, sts:TagSession…);
 *                  empty for a cause about the request as a whole
 */
public record Cause(
        CauseId id,
        Optional<PolicyType> policyType,
        Optional<PolicyRef> policy,
        Optional<String> statement,
        Optional<Integer> statementIndex,
        Optional<ConditionFinding> condition,
        String explanation,
        boolean inferred,
        List<String> actions) {

    public Cause {
        actions = List.copyOf(actions);
    }

    public Cause(CauseId id, Optional<PolicyType> policyType, Optional<PolicyRef> policy, Optional<String> statement,
                 Optional<Integer> statementIndex, Optional<ConditionFinding> condition, String explanation, boolean inferred) {
        this(id, policyType, policy, statement, statementIndex, condition, explanation, inferred, List.of());
    }

    /* One cause per (id, policy, statement, condition key): the same blocker of several actions is one cause. */
    record Key(CauseId id, Optional<PolicyRef> policy, Optional<Integer> statementIndex, Optional<String> conditionKey) {
    }

    /*
     * Causes that a trust policy as a whole gives (no statement names the caller, or names it only by a
     * deleted id, or names another provider): their statement is a pointer to where a grant would go,
     * found per action, not the blocker, so the same blocker of sts:AssumeRole and sts:TagSession is one.
     */
    private static final java.util.Set<CauseId> WHOLE_POLICY = java.util.EnumSet.of(CauseId.TRUST_PRINCIPAL_NOT_TRUSTED,
            CauseId.TRUST_PRINCIPAL_DELETED, CauseId.FEDERATION_PROVIDER);

    Key key() {
        return new Key(id, policy, WHOLE_POLICY.contains(id) ? Optional.empty() : statementIndex, condition.map(ConditionFinding::key));
    }

    Cause forAction(String action) {
        return new Cause(id, policyType, policy, statement, statementIndex, condition, explanation, inferred, List.of(action));
    }

    /* The same blocker found for another action: its actions join this one's, named once in the explanation. */
    Cause merge(Cause other) {
        List<String> all = new java.util.ArrayList<>(actions);
        other.actions.stream().filter(a -> !all.contains(a)).forEach(all::add);
        // the explanation names the actions found so far as one list: it grows in place
        String before = String.join(", ", actions);
        String text = !actions.isEmpty() && all.size() > actions.size() && explanation.contains(before)
                ? explanation.replace(before, String.join(", ", all)) : explanation;
        return new Cause(id, policyType, policy, statement, statementIndex, condition, text, inferred && other.inferred, all);
    }

    static Cause of(CauseId id, String explanation) {
        return new Cause(id, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), explanation, false);
    }

    static Cause inPolicy(CauseId id, PolicyRef policy, Optional<Statement> statement, String explanation, boolean inferred) {
        return new Cause(id, Optional.of(policy.type()), Optional.of(policy), statement.map(Statement::label),
                statement.map(Statement::index), Optional.empty(), explanation, inferred);
    }
}
