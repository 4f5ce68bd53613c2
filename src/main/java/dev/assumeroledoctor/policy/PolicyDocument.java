package dev.assumeroledoctor.policy;

import java.util.List;
import java.util.Optional;

/**
 * A parsed IAM policy.
 *
 * @param version the {@code Version} element; IAM treats a missing one as 2008-10-17
 */
public record PolicyDocument(String version, Optional<String> id, List<Statement> statements) {
    public static final String VERSION_2012 = "2012-10-17";
    public static final String VERSION_2008 = "2008-10-17";

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    /**
     * Policy variables are only substituted under 2012-10-17; in older documents {@code ${…}} is
     * literal text (IAM JSON policy elements: Version).
     */
    public boolean substitutesVariables() {
        return VERSION_2012.equals(version);
    }
}
