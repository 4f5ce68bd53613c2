package dev.assumeroledoctor.policy;

import java.util.Optional;

/** The keys of a {@code Principal} map. */
public enum PrincipalKind {
    AWS("AWS"),
    SERVICE("Service"),
    FEDERATED("Federated"),
    CANONICAL_USER("CanonicalUser");

    private final String jsonName;

    PrincipalKind(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static Optional<PrincipalKind> fromJsonName(String name) {
        for (PrincipalKind kind : values()) {
            if (kind.jsonName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
