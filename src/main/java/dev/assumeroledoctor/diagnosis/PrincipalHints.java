package dev.assumeroledoctor.diagnosis;

import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.evaluation.PrincipalType;
import dev.assumeroledoctor.evaluation.RequestPrincipal;
import java.util.List;
import java.util.Optional;

/** Why a trust policy's principals miss the caller, in the terms of the usual mistakes. */
final class PrincipalHints {
    private PrincipalHints() {
    }

    static String explain(RequestPrincipal caller, List<String> awsValues, boolean onlyServiceOrFederated) {
        String name = Arns.nameOf(caller.principalArn());
        String account = caller.accountId().orElse("");
        if (onlyServiceOrFederated && awsValues.isEmpty()) {
            return "it trusts only service or federated principals, and the caller is an IAM principal";
        }
        for (String value : awsValues) {
            Optional<String> type = Arns.iamTypeOf(value);
            if (type.isEmpty()) {
                continue;
            }
            boolean sameName = Arns.nameOf(value).equals(name);
            boolean sameAccount = Arns.accountOf(value).equals(account);
            if (type.get().equals("assumed-role") && caller.type() == PrincipalType.ROLE_SESSION
                    && Arns.sessionRoleName(value).equals(name)) {
                return "it names one session (" + value + ") of the caller's role, not the role; sessions named otherwise are not trusted";
            }
            if (sameName && !sameAccount) {
                return "it names " + value + ", a principal of the same name in another account (" + Arns.accountOf(value) + ")";
            }
            if (sameName && sameAccount && type.get().equals("role") && caller.type() == PrincipalType.IAM_USER) {
                return "it names the role " + value + ", but the caller is the IAM user " + caller.principalArn();
            }
            if (sameName && sameAccount && type.get().equals("user") && caller.type() == PrincipalType.ROLE_SESSION) {
                return "it names the user " + value + ", but the caller is a session of the role " + caller.principalArn();
            }
            if (sameName && sameAccount && !value.equals(caller.principalArn())) {
                return "it names " + value + ", which differs from the caller " + caller.principalArn() + " in its path";
            }
        }
        return "none of its Allow statements names " + caller.principalArn() + " or its account " + account;
    }
}
