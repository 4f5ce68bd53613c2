package dev.assumeroledoctor.event;

import java.util.Locale;
import java.util.Optional;

/** The policy type AWS names in an enhanced access-denied message. */
public enum AwsPolicyType {
    IDENTITY("identity-based policy"),
    TRUST("role trust policy"),
    RESOURCE("resource-based policy"),
    BOUNDARY("permissions boundary"),
    SESSION("session policy"),
    SCP("service control policy"),
    RCP("resource control policy"),
    VPC_ENDPOINT("VPC endpoint policy");

    private final String phrase;

    AwsPolicyType(String phrase) {
        this.phrase = phrase;
    }

    public String phrase() {
        return phrase;
    }

    static Optional<AwsPolicyType> fromPhrase(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        for (AwsPolicyType type : values()) {
            if (lower.startsWith(type.phrase.toLowerCase(Locale.ROOT))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
