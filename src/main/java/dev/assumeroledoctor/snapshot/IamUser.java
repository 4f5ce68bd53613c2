package dev.assumeroledoctor.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public record IamUser(
        String arn,
        String name,
        String id,
        List<InlinePolicy> inlinePolicies,
        List<String> groupNames,
        List<String> attachedPolicyArns,
        Optional<String> boundaryArn,
        Map<String, String> tags,
        Optional<Instant> created) {

    public IamUser {
        inlinePolicies = List.copyOf(inlinePolicies);
        groupNames = List.copyOf(groupNames);
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
        tags = Map.copyOf(tags);
    }
}
