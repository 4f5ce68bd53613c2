package dev.assumeroledoctor.policy;

import java.util.Locale;
import java.util.Optional;

/** A full condition operator as written: set qualifier, base operator, {@code IfExists}. */
public record ConditionOperator(SetQualifier qualifier, BaseOperator base, boolean ifExists) {
    private static final String IF_EXISTS = "IfExists";

    /** Parses e.g. {@code ForAnyValue:StringLikeIfExists}; empty when IAM knows no such operator. */
    public static Optional<ConditionOperator> parse(String text) {
        SetQualifier qualifier = SetQualifier.NONE;
        String rest = text;
        for (SetQualifier q : SetQualifier.values()) {
            if (q != SetQualifier.NONE && rest.regionMatches(true, 0, q.prefix(), 0, q.prefix().length())) {
                qualifier = q;
                rest = rest.substring(q.prefix().length());
            }
        }
        boolean ifExists = rest.toLowerCase(Locale.ROOT).endsWith(IF_EXISTS.toLowerCase(Locale.ROOT));
        if (ifExists) {
            rest = rest.substring(0, rest.length() - IF_EXISTS.length());
        }
        Optional<BaseOperator> base = BaseOperator.fromJsonName(rest);
        if (base.isEmpty() || (ifExists && base.get() == BaseOperator.NULL)) {
            return Optional.empty();
        }
        return Optional.of(new ConditionOperator(qualifier, base.get(), ifExists));
    }

    public String text() {
        return qualifier.prefix() + base.jsonName() + (ifExists ? IF_EXISTS : "");
    }

    @Override
    public String toString() {
        return text();
    }
}
