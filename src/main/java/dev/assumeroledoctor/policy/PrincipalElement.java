package dev.assumeroledoctor.policy;

import java.util.List;
import java.util.Map;

/**
 * A statement's {@code Principal} or {@code NotPrincipal}.
 *
 * @param negated  true for {@code NotPrincipal}
 * @param anyone   true for the bare {@code "*"} form, which names every principal of every kind
 * @param values   the map form, kind to the values named (empty for the bare {@code "*"})
 */
public record PrincipalElement(boolean negated, boolean anyone, Map<PrincipalKind, List<String>> values) {
    public PrincipalElement {
        values = Map.copyOf(values);
    }

    public List<String> valuesOf(PrincipalKind kind) {
        return values.getOrDefault(kind, List.of());
    }
}
