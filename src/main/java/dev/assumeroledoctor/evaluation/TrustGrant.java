package dev.assumeroledoctor.evaluation;

/**
 * What the trust policy's applying Allow statements grant, by how they name the caller. Within one
 * account the difference decides which other policies must also allow ("How AWS enforcement code
 * logic evaluates requests to allow or deny access", resource-based policies):
 *
 * @param direct     names the user, role session or federated user session ARN: enough on its own
 * @param role       names the role ARN of a session (or a NotPrincipal that does not except it):
 *                   still limited by the boundary and session policy, not by identity policies
 * @param anyone     {@code "*"}: the documentation does not say whether a same-account grant to
 *                   everyone is limited by the boundary and session policy (see the authorizer)
 * @param account    names the account: the caller's identity policies must allow too
 */
public record TrustGrant(Match direct, Match role, Match anyone, Match account) {

    public Match any() {
        return direct.or(role).or(anyone).or(account);
    }

    static TrustGrant of(PolicyEvaluation trust) {
        Match direct = Match.NO;
        Match role = Match.NO;
        Match anyone = Match.NO;
        Match account = Match.NO;
        for (StatementTrace s : trust.withEffect(dev.assumeroledoctor.policy.Effect.ALLOW)) {
            PrincipalBasis basis = s.principal().map(PrincipalMatch::basis).orElse(PrincipalBasis.NONE);
            switch (basis) {
                case USER, ROLE_SESSION, FEDERATED_USER, SERVICE, FEDERATED_PROVIDER -> direct = direct.or(s.applies());
                case ROLE, NOT_EXCEPTED -> role = role.or(s.applies());
                case ANYONE -> anyone = anyone.or(s.applies());
                case ACCOUNT, UNIDENTIFIED -> account = account.or(s.applies());
                default -> {
                    // names someone else: grants the caller nothing
                }
            }
        }
        return new TrustGrant(direct, role, anyone, account);
    }
}
