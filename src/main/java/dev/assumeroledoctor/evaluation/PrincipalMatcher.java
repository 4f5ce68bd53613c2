package dev.assumeroledoctor.evaluation;

import dev.assumeroledoctor.policy.PrincipalElement;
import dev.assumeroledoctor.policy.PrincipalKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Matches a {@code Principal}/{@code NotPrincipal} element against the caller, per "AWS JSON
 * policy elements: Principal" and "…: NotPrincipal".
 */
public final class PrincipalMatcher {
    private PrincipalMatcher() {
    }

    public static PrincipalMatch match(PrincipalElement element, RequestPrincipal caller) {
        List<String> deleted = element.valuesOf(PrincipalKind.AWS).stream().filter(Arns::isUniqueId).toList();
        if (element.negated()) {
            return notPrincipal(element, caller, deleted);
        }
        if (element.anyone()) {
            return new PrincipalMatch(Match.YES, PrincipalBasis.ANYONE, Optional.of("*"), deleted);
        }
        /*
         * One element may name the caller several ways (its account and its user ARN): AWS grants
         * through the most specific one ("Cross-account policy evaluation logic", "Policy
         * evaluation for requests within a single account"), so the strongest basis wins.
         */
        PrincipalBasis best = PrincipalBasis.NONE;
        Optional<String> namedBy = Optional.empty();
        for (PrincipalKind kind : PrincipalKind.values()) {
            for (String value : element.valuesOf(kind)) {
                PrincipalBasis basis = basis(kind, value, caller);
                if (strength(basis) > strength(best)) {
                    best = basis;
                    namedBy = Optional.of(value);
                }
            }
        }
        Match match = best == PrincipalBasis.NONE ? Match.NO : best == PrincipalBasis.UNIDENTIFIED ? Match.UNKNOWN : Match.YES;
        return new PrincipalMatch(match, best, namedBy, deleted);
    }

    /* How much a basis grants on its own: a direct name, then a role, anyone, an account, a maybe. */
    static int strength(PrincipalBasis basis) {
        return switch (basis) {
            case USER, ROLE_SESSION, FEDERATED_USER, SERVICE, FEDERATED_PROVIDER -> 6;
            case ROLE -> 5;
            case ANYONE -> 4;
            case NOT_EXCEPTED -> 3;
            case ACCOUNT -> 2;
            case UNIDENTIFIED -> 1;
            case NONE, EXCEPTED -> 0;
        };
    }

    /** How one principal value names the caller, or {@link PrincipalBasis#NONE}. */
    static PrincipalBasis basis(PrincipalKind kind, String value, RequestPrincipal caller) {
        return switch (kind) {
            case AWS -> awsBasis(value, caller);
            case SERVICE -> caller.type() == PrincipalType.SERVICE && caller.issuer().filter(value::equalsIgnoreCase).isPresent()
                    ? PrincipalBasis.SERVICE : PrincipalBasis.NONE;
            case FEDERATED -> federatedBasis(value, caller);
            case CANONICAL_USER -> PrincipalBasis.NONE;
        };
    }

    private static PrincipalBasis federatedBasis(String value, RequestPrincipal caller) {
        if (caller.type() != PrincipalType.WEB_IDENTITY && caller.type() != PrincipalType.SAML) {
            return PrincipalBasis.NONE;
        }
        if (caller.issuer().isPresent()) {
            return caller.issuer().get().equals(value) ? PrincipalBasis.FEDERATED_PROVIDER : PrincipalBasis.NONE;
        }
        // a SAML record without request parameters does not name its provider: any SAML provider may have been it
        return caller.type() == PrincipalType.SAML && value.contains(":saml-provider/") ? PrincipalBasis.UNIDENTIFIED : PrincipalBasis.NONE;
    }

    private static PrincipalBasis awsBasis(String value, RequestPrincipal caller) {
        /*
         * "AWS JSON policy elements: Principal", anonymous (public) principals: "Principal": "*"
         * and "Principal": {"AWS": "*"} are equivalent, and name every principal, federated and
         * service principals included.
         */
        if (value.equals("*")) {
            return PrincipalBasis.ANYONE;
        }
        if (!caller.type().awsIdentity()) {
            return PrincipalBasis.NONE;
        }
        if (namesAccount(value, caller)) {
            return PrincipalBasis.ACCOUNT;
        }
        if (caller.type() == PrincipalType.ACCOUNT_PRINCIPAL) {
            return caller.accountId().filter(a -> a.equals(Arns.accountOf(value))).isPresent()
                    ? PrincipalBasis.UNIDENTIFIED : PrincipalBasis.NONE;
        }
        if (value.equals(caller.principalArn())) {
            return switch (caller.type()) {
                case IAM_USER -> PrincipalBasis.USER;
                case ROLE_SESSION -> PrincipalBasis.ROLE;
                default -> PrincipalBasis.NONE;
            };
        }
        if (value.equals(caller.arn())) {
            return switch (caller.type()) {
                case ROLE_SESSION -> PrincipalBasis.ROLE_SESSION;
                case FEDERATED_USER -> PrincipalBasis.FEDERATED_USER;
                default -> PrincipalBasis.NONE;
            };
        }
        return PrincipalBasis.NONE;
    }

    private static boolean namesAccount(String value, RequestPrincipal caller) {
        Optional<String> account = caller.accountId();
        if (account.isEmpty()) {
            return false;
        }
        return value.equals(account.get())
                || value.equals(Arns.rootArn(Arns.partitionOf(caller.arn()), account.get()));
    }

    /*
     * For NotPrincipal AWS checks the account, then the role, then the session: the caller is
     * excepted only when every one of those forms is listed, which is why the documentation says
     * to list the account too. A role ARN covers its sessions, as in Principal: the documentation's
     * advice is "the ARN for the role and the ARN for the account containing that role".
     */
    private static PrincipalMatch notPrincipal(PrincipalElement element, RequestPrincipal caller, List<String> deleted) {
        if (element.anyone()) {
            return new PrincipalMatch(Match.NO, PrincipalBasis.EXCEPTED, Optional.of("*"), deleted);
        }
        List<PrincipalBasis> forms = forms(caller);
        List<PrincipalBasis> listed = new ArrayList<>();
        for (PrincipalKind kind : PrincipalKind.values()) {
            for (String value : element.valuesOf(kind)) {
                PrincipalBasis basis = basis(kind, value, caller);
                if (basis == PrincipalBasis.ANYONE) {
                    return new PrincipalMatch(Match.NO, PrincipalBasis.EXCEPTED, Optional.of(value), deleted);
                }
                listed.add(basis);
            }
        }
        boolean samlUnknown = caller.type() == PrincipalType.SAML && caller.issuer().isEmpty() && listed.contains(PrincipalBasis.UNIDENTIFIED);
        if (samlUnknown || (caller.type() == PrincipalType.ACCOUNT_PRINCIPAL && listed.contains(PrincipalBasis.ACCOUNT)
                && listed.contains(PrincipalBasis.UNIDENTIFIED))) {
            return new PrincipalMatch(Match.UNKNOWN, PrincipalBasis.UNIDENTIFIED, Optional.empty(), deleted);
        }
        boolean excepted = listed.containsAll(forms);
        return excepted
                ? new PrincipalMatch(Match.NO, PrincipalBasis.EXCEPTED, Optional.empty(), deleted)
                : new PrincipalMatch(Match.YES, PrincipalBasis.NOT_EXCEPTED, Optional.empty(), deleted);
    }

    private static List<PrincipalBasis> forms(RequestPrincipal caller) {
        return switch (caller.type()) {
            case IAM_USER -> List.of(PrincipalBasis.ACCOUNT, PrincipalBasis.USER);
            case ROLE_SESSION -> List.of(PrincipalBasis.ACCOUNT, PrincipalBasis.ROLE);
            case ROOT -> List.of(PrincipalBasis.ACCOUNT);
            case FEDERATED_USER -> List.of(PrincipalBasis.ACCOUNT, PrincipalBasis.FEDERATED_USER);
            case ACCOUNT_PRINCIPAL -> List.of(PrincipalBasis.ACCOUNT, PrincipalBasis.UNIDENTIFIED);
            case SERVICE -> List.of(PrincipalBasis.SERVICE);
            case WEB_IDENTITY -> List.of(PrincipalBasis.FEDERATED_PROVIDER);
            case SAML -> List.of(caller.issuer().isPresent() ? PrincipalBasis.FEDERATED_PROVIDER : PrincipalBasis.UNIDENTIFIED);
        };
    }
}
