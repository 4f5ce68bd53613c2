package dev.assumeroledoctor.evaluation;

import java.util.List;
import java.util.Optional;

/**
 * @param match    whether the element names the caller
 * @param basis    how it does
 * @param namedBy  the value that named the caller, when one did
 * @param deletedPrincipals unique ids among the element's values: IAM shows a principal's unique
 *                 id in place of its ARN once that principal is deleted, so these name no one
 */
public record PrincipalMatch(Match match, PrincipalBasis basis, Optional<String> namedBy, List<String> deletedPrincipals) {
    public PrincipalMatch {
        deletedPrincipals = List.copyOf(deletedPrincipals);
    }
}
