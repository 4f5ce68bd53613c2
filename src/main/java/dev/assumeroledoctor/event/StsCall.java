package dev.assumeroledoctor.event;

import java.util.Optional;

/** The three STS calls that assume a role. */
public enum StsCall {
    ASSUME_ROLE("AssumeRole"),
    ASSUME_ROLE_WITH_SAML("AssumeRoleWithSAML"),
    ASSUME_ROLE_WITH_WEB_IDENTITY("AssumeRoleWithWebIdentity");

    private final String eventName;

    StsCall(String eventName) {
        this.eventName = eventName;
    }

    public String eventName() {
        return eventName;
    }

    /** The IAM action the call is authorized as, e.g. {@code sts:AssumeRoleWithSAML}. */
    public String action() {
        return "sts:" + eventName;
    }

    public boolean federated() {
        return this != ASSUME_ROLE;
    }

    public static Optional<StsCall> fromEventName(String name) {
        for (StsCall call : values()) {
            if (call.eventName.equals(name)) {
                return Optional.of(call);
            }
        }
        return Optional.empty();
    }
}
