package dev.assumeroledoctor.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Substitutes {@code ${key}}, {@code ${key, 'default'}} and the escapes {@code ${*}}, {@code ${?}},
 * {@code ${$}} as "IAM policy elements: Variables and tags" defines them. Substituted text is
 * literal: a {@code *} inside a tag value is not a wildcard.
 */
public final class PolicyVariables {
    private PolicyVariables() {
    }

    public static Substitution substitute(String template, ContextKeys keys, boolean enabled) {
        if (!enabled || !template.contains("${")) {
            return new Substitution.Resolved(Glob.of(template));
        }
        List<Glob.Piece> pieces = new ArrayList<>();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf("${", at);
            int close = open < 0 ? -1 : template.indexOf('}', open + 2);
            if (open < 0 || close < 0) {
                pieces.add(new Glob.Piece(template.substring(at), false));
                break;
            }
            pieces.add(new Glob.Piece(template.substring(at, open), false));
            String inner = template.substring(open + 2, close).strip();
            Substitution resolved = resolve(inner, keys);
            if (!(resolved instanceof Substitution.Resolved r)) {
                return resolved;
            }
            pieces.add(new Glob.Piece(r.pattern().text(), true));
            at = close + 1;
        }
        return new Substitution.Resolved(Glob.concat(pieces));
    }

    private static Substitution resolve(String inner, ContextKeys keys) {
        if (inner.equals("*") || inner.equals("?") || inner.equals("$")) {
            return literal(inner);
        }
        String key = inner;
        String fallback = null;
        int comma = inner.indexOf(',');
        if (comma >= 0) {
            key = inner.substring(0, comma).strip();
            fallback = parseDefault(inner.substring(comma + 1).strip());
        }
        ContextValue value = keys.lookup(key);
        if (value instanceof ContextValue.Unknown || value instanceof ContextValue.OneOf) {
            return new Substitution.Unknown(key);
        }
        if (value instanceof ContextValue.Present present && present.values().size() == 1) {
            return literal(present.values().get(0));
        }
        return fallback != null ? literal(fallback) : new Substitution.Unresolvable("${" + inner + "}");
    }

    /* A default is single-quoted; two single quotes stand for one. */
    private static String parseDefault(String quoted) {
        if (quoted.length() < 2 || quoted.charAt(0) != '\'' || quoted.charAt(quoted.length() - 1) != '\'') {
            return null;
        }
        return quoted.substring(1, quoted.length() - 1).replace("''", "'");
    }

    private static Substitution literal(String text) {
        return new Substitution.Resolved(Glob.concat(List.of(new Glob.Piece(text, true))));
    }
}
