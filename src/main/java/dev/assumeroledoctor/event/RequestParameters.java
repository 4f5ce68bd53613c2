package dev.assumeroledoctor.event;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code requestParameters} of an AssumeRole* record. Real failed records usually carry null here;
 * then this is absent and every value in it is unknown.
 *
 * @param externalId the ExternalId the caller passed: a secret, held only to compare with policies,
 *                   never rendered
 */
public record RequestParameters(
        Optional<String> roleArn,
        Optional<String> roleSessionName,
        Optional<String> externalId,
        Optional<Integer> durationSeconds,
        Map<String, String> tags,
        List<String> transitiveTagKeys,
        Optional<String> sourceIdentity,
        Optional<String> serialNumber,
        boolean sessionPolicyPassed,
        Optional<String> principalArn,
        Optional<String> providerId) {

    public RequestParameters {
        tags = Map.copyOf(tags);
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
    }

    @Override
    public String toString() {
        // records print every component; the ExternalId must never reach a log line
        return "RequestParameters[roleArn=" + roleArn + ", roleSessionName=" + roleSessionName
                + ", externalId=" + externalId.map(x -> "<redacted>") + ", durationSeconds=" + durationSeconds + "]";
    }
}
