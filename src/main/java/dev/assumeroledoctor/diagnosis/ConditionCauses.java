package dev.assumeroledoctor.diagnosis;

import java.util.Locale;

/** Which catalog id a failed condition key maps to (causes.md, "policy type: trust" rows). */
final class ConditionCauses {
    private ConditionCauses() {
    }

    static CauseId idFor(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.equals("sts:externalid")) {
            return CauseId.CONDITION_EXTERNAL_ID;
        }
        if (k.startsWith("aws:multifactorauth")) {
            return CauseId.CONDITION_MFA;
        }
        if (k.equals("aws:principalorgid") || k.equals("aws:principalorgpaths")) {
            return CauseId.CONDITION_PRINCIPAL_ORG;
        }
        if (k.equals("aws:principalarn")) {
            return CauseId.CONDITION_PRINCIPAL_ARN;
        }
        if (k.startsWith("aws:principaltag/") || k.startsWith("aws:requesttag/") || k.equals("aws:tagkeys")
                || k.startsWith("iam:resourcetag/") || k.startsWith("aws:resourcetag/") || k.equals("sts:transitivetagkeys")) {
            return CauseId.CONDITION_TAGS;
        }
        if (k.equals("aws:sourceip") || k.equals("aws:sourcevpc") || k.equals("aws:sourcevpce") || k.equals("aws:viaawsservice")) {
            return CauseId.CONDITION_NETWORK;
        }
        if (isFederationClaim(k)) {
            return CauseId.CONDITION_FEDERATION_CLAIMS;
        }
        return CauseId.CONDITION_OTHER;
    }

    /* OIDC claims are keyed by issuer ("token.actions.githubusercontent.com:sub"), SAML ones by "saml:". */
    static boolean isFederationClaim(String lowerKey) {
        if (lowerKey.startsWith("saml:")) {
            return true;
        }
        int colon = lowerKey.indexOf(':');
        return colon > 0 && lowerKey.substring(0, colon).contains(".");
    }
}
