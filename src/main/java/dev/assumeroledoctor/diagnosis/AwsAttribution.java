package dev.assumeroledoctor.diagnosis;

import java.util.Optional;

/**
 * What AWS's own (enhanced) message blamed, and whether this diagnosis agrees. Disagreement is a
 * finding: policies may have changed since, or the snapshot is not what AWS evaluated.
 */
public record AwsAttribution(String policyType, boolean explicitDeny, Optional<String> policyArn, boolean agrees, String note) {
}
