package dev.assumeroledoctor.inspect;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/**
 * How the live inspector reaches AWS.
 *
 * @param inspectorRoleName the read-only role assumed in every account but the function's own;
 *                          empty means single-account mode (own credentials for everything)
 * @param organizationRoleArn the role in the management (or delegated administrator) account
 *                          for Organizations reads; empty means own credentials
 * @param endpoints         per service ("iam", "sts", "organizations", or "*" for all): for tests and
 *                          AWS-compatible endpoints; otherwise the SDK's standard endpoint
 *                          configuration ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_IAM}…) applies
 * @param callTimeout       per API call, retries included: must fit inside the function's own timeout
 * @param interceptors      SDK execution interceptors (tests count calls with one)
 * @param organizationId    with an inspector role: the organization every account it assumes into must
 *                          belong to (checked with Organizations before any AssumeRole)
 */
public record InspectorConfig(
        Region region,
        AwsCredentialsProvider credentials,
        Optional<String> inspectorRoleName,
        Optional<String> organizationRoleArn,
        Map<String, URI> endpoints,
        Duration cacheTtl,
        Duration callTimeout,
        int concurrency,
        List<ExecutionInterceptor> interceptors,
        Optional<String> organizationId) {

    public InspectorConfig(Region region, AwsCredentialsProvider credentials, Optional<String> inspectorRoleName,
                           Optional<String> organizationRoleArn, Map<String, URI> endpoints, Duration cacheTtl, Duration callTimeout,
                           int concurrency, List<ExecutionInterceptor> interceptors) {
        this(region, credentials, inspectorRoleName, organizationRoleArn, endpoints, cacheTtl, callTimeout, concurrency, interceptors,
                Optional.empty());
    }

    public InspectorConfig {
        interceptors = List.copyOf(interceptors);
        endpoints = Map.copyOf(endpoints);
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
    }

    public static InspectorConfig defaults(Region region) {
        return new InspectorConfig(region, DefaultCredentialsProvider.builder().build(), Optional.empty(), Optional.empty(), Map.of(),
                Duration.ofMinutes(5), Duration.ofSeconds(20), 24, List.of());
    }

    /** The endpoint for a service, if one is configured. */
    public Optional<URI> endpoint(String service) {
        return Optional.ofNullable(endpoints.get(service)).or(() -> Optional.ofNullable(endpoints.get("*")));
    }

    public InspectorConfig withRoles(Optional<String> inspectorRole, Optional<String> organizationRole) {
        return new InspectorConfig(region, credentials, inspectorRole, organizationRole, endpoints, cacheTtl, callTimeout, concurrency,
                interceptors, organizationId);
    }

    public InspectorConfig withOrganization(Optional<String> organization) {
        return new InspectorConfig(region, credentials, inspectorRoleName, organizationRoleArn, endpoints, cacheTtl, callTimeout, concurrency,
                interceptors, organization);
    }
}
