package dev.assumeroledoctor.policy;

import java.util.List;
import java.util.Optional;

/**
 * One statement of a policy.
 *
 * @param index      its position in the document, for citing it when it has no Sid
 * @param principal  absent in identity policies, SCPs and boundaries
 * @param resources  absent in trust policies, where the resource is the role itself
 */
public record Statement(
        int index,
        Optional<String> sid,
        Effect effect,
        Optional<PrincipalElement> principal,
        ElementValues actions,
        Optional<ElementValues> resources,
        List<Condition> conditions) {

    public Statement {
        conditions = List.copyOf(conditions);
    }

    /** How a report names the statement: its Sid, else its position. */
    public String label() {
        return sid.filter(s -> !s.isEmpty()).map(s -> "Sid \"" + s + "\"").orElse("Statement[" + index + "]");
    }
}
