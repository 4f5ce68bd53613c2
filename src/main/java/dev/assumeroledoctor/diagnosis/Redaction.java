package dev.assumeroledoctor.diagnosis;

import dev.assumeroledoctor.evaluation.ContextValue;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which condition values are secrets, and how a finding shows them. */
public final class Redaction {
    public static final String REDACTED = "(redacted)";
    /* An ExternalId is a shared secret between a role owner and a third party ("confused deputy"). */
    private static final Set<String> SECRET_KEYS = Set.of("sts:externalid");

    private Redaction() {
    }

    public static boolean isSecret(String key) {
        return SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT));
    }

    static List<String> required(String key, List<String> values) {
        return isSecret(key) ? List.of(REDACTED) : values;
    }

    static String requestValue(String key, ContextValue value) {
        if (value instanceof ContextValue.Unknown) {
            return "unknown";
        }
        if (value instanceof ContextValue.OneOf oneOf) {
            return "unknown: " + String.join(" or ", oneOf.alternatives().stream().map(a -> requestValue(key, a)).toList());
        }
        if (value instanceof ContextValue.Present present) {
            if (isSecret(key)) {
                return REDACTED;
            }
            return present.values().size() == 1 ? present.values().get(0) : String.join(", ", present.values());
        }
        return "absent";
    }
}
