package dev.assumeroledoctor.snapshot;

import java.util.List;

public record IamGroup(String arn, String name, List<InlinePolicy> inlinePolicies, List<String> attachedPolicyArns) {
    public IamGroup {
        inlinePolicies = List.copyOf(inlinePolicies);
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
    }
}
