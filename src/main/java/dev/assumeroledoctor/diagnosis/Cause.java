package dev.assumeroledoctor.diagnosis;

import dev.assumeroledoctor.evaluation.PolicyRef;
import dev.assumeroledoctor.evaluation.PolicyType;
import dev.assumeroledoctor.policy.Statement;
import java.util.Optional;

/**
 * One reason AWS denied the request.
 *
 * @param statement the statement's Sid or position ({@code Statement[2]})
 * @param statementIndex the statement's position in its document, for patching it
 * @param inferred  the cause rests on a value the record does not tell: AWS denied, and this is
 *                  the only way (or one possible way) the request could have been denied
 */
public record Cause(
        CauseId id,
        Optional<PolicyType> policyType,
        Optional<PolicyRef> policy,
        Optional<String> statement,
        Optional<Integer> statementIndex,
        Optional<ConditionFinding> condition,
        String explanation,
        boolean inferred) {

    static Cause of(CauseId id, String explanation) {
        return new Cause(id, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), explanation, false);
    }

    static Cause inPolicy(CauseId id, PolicyRef policy, Optional<Statement> statement, String explanation, boolean inferred) {
        return new Cause(id, Optional.of(policy.type()), Optional.of(policy), statement.map(Statement::label),
                statement.map(Statement::index), Optional.empty(), explanation, inferred);
    }
}
