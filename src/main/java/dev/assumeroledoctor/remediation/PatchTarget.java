package dev.assumeroledoctor.remediation;

import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.evaluation.PolicyType;

/** The one document a patch replaces. */
public sealed interface PatchTarget {
    PolicyType policyType();

    /** The ARN (or SCP/RCP id) the report names as {@code targetArn}. */
    String arn();

    /** The trust policy of a role. */
    record TrustPolicy(String roleArn) implements PatchTarget {
        public PolicyType policyType() {
            return PolicyType.TRUST;
        }

        public String arn() {
            return roleArn;
        }
    }

    /** An inline policy of a user, group or role (new or existing). */
    record InlinePolicy(String ownerArn, String policyName) implements PatchTarget {
        public PolicyType policyType() {
            return PolicyType.IDENTITY;
        }

        public String arn() {
            return ownerArn;
        }

        public String ownerKind() {
            return Arns.iamTypeOf(ownerArn).orElse("user");
        }
    }

    /** A customer managed policy, attached as a permission policy or as a boundary. */
    record ManagedPolicy(String policyArn, PolicyType policyType) implements PatchTarget {
        public String arn() {
            return policyArn;
        }
    }

    /** An SCP or RCP, by policy id. */
    record OrganizationPolicy(String policyId, PolicyType policyType) implements PatchTarget {
        public String arn() {
            return policyId;
        }
    }
}
