package dev.assumeroledoctor.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * @param maxSessionDuration seconds; IAM's default is 3600
 */
public record IamRole(
        String arn,
        String name,
        String id,
        StoredPolicy trustPolicy,
        List<InlinePolicy> inlinePolicies,
        List<String> attachedPolicyArns,
        Optional<String> boundaryArn,
        Map<String, String> tags,
        int maxSessionDuration,
        Optional<Instant> created) {

    public static final int DEFAULT_MAX_SESSION_DURATION = 3600;

    public IamRole {
        inlinePolicies = List.copyOf(inlinePolicies);
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
        tags = Map.copyOf(tags);
    }

    public IamRole withTrustPolicy(StoredPolicy trust) {
        return new IamRole(arn, name, id, trust, inlinePolicies, attachedPolicyArns, boundaryArn, tags, maxSessionDuration, created);
    }
}
