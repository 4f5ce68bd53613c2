package dev.assumeroledoctor.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A failed AssumeRole* call, as CloudTrail recorded it.
 *
 * @param parameters   absent when the record's {@code requestParameters} is null
 * @param resourceArns the ARNs of the record's {@code resources} element
 * @param vpcEndpointId set when the call came through an interface endpoint
 */
public record AssumeRoleEvent(
        String eventId,
        Instant eventTime,
        String region,
        StsCall call,
        String errorCode,
        String errorMessage,
        DenialMessage message,
        CallerIdentity caller,
        Optional<RequestParameters> parameters,
        List<String> resourceArns,
        Optional<String> sourceIp,
        Optional<String> userAgent,
        Optional<String> recipientAccountId,
        Optional<String> vpcEndpointId) {

    public AssumeRoleEvent {
        resourceArns = List.copyOf(resourceArns);
    }
}
