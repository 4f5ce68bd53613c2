package dev.assumeroledoctor.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The change watch at organization scale, end to end in moto ({@link OrgWatchBench}, N = 60): an SCP
 * denying sts:AssumeRole attached at the root breaks the one recent path of every account, and the
 * function with its watch workers gives exactly one warning that says so, every account checked.
 */
class OrganizationWatchTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @Test
    void anScpAtTheRootOfSixtyAccountsIsOneWarningWithEveryBrokenPathAndNoAccountUnchecked() throws Exception {
        MOTO.reset();
        OrgWatchBench.Result result = OrgWatchBench.run(MOTO.endpoint(), 60, 2);
        System.out.println("org-watch " + result);
        assertThat(result.warnings()).isEqualTo(1);
        assertThat(result.impact()).hasValueSatisfying(impact -> {
            assertThat(impact.broken()).hasSize(60);
            // the 60 members and the management account: all under the root (its calls are searched; SCPs do not apply to it)
            assertThat(impact.accounts()).hasSize(61);
            assertThat(impact.unchecked()).isEmpty();
            assertThat(impact.broken()).allSatisfy(b -> assertThat(b.report().diagnosis().causes().toString()).contains("SCP_EXPLICIT_DENY"));
        });
        // one pass of each account's history: three lookups (AssumeRole, …WithSAML, …WithWebIdentity) in its one region
        assertThat(result.lookups()).isEqualTo(61 * 3);
        // IAM read in one pass an account (one role, one user: 10 calls), even though the parts ran in two containers and the
        // gatherer's own cache never saw half the accounts: each part keeps the state it evaluated, and the warning is rendered
        // from it (without that, 15 calls an account here). Organizations' structure walked once, by the split, not by every part
        assertThat(result.iamCalls()).isLessThanOrEqualTo(10 * 61);
        assertThat(result.orgCalls()).isLessThanOrEqualTo(4 * 61);
    }
}
