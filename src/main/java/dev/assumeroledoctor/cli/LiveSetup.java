package dev.assumeroledoctor.cli;

import dev.assumeroledoctor.inspect.InspectorConfig;
import dev.assumeroledoctor.inspect.LiveInspector;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The live inspector for the command line, configured as the AWS CLI is: {@code --profile} (else
 * the default credential chain: environment, profiles, SSO, container and instance roles),
 * {@code --region} (else the environment's or the profile's, else us-east-1), {@code --endpoint-url}.
 */
final class LiveSetup {
    private LiveSetup() {
    }

    static LiveInspector inspector(Options options) {
        AwsCredentialsProvider credentials = options.profile()
                .<AwsCredentialsProvider>map(p -> ProfileCredentialsProvider.builder().profileName(p).build())
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        Region region = region(options);
        InspectorConfig defaults = InspectorConfig.defaults(region);
        InspectorConfig config = new InspectorConfig(region, credentials, options.inspectorRole(), options.orgRole(),
                options.endpointUrl().map(u -> Map.of("*", u)).orElse(Map.of()), defaults.cacheTtl(), defaults.callTimeout(),
                defaults.concurrency(), defaults.interceptors());
        return new LiveInspector(config);
    }

    /** The region the command works in: --region, else the environment's or the profile's, else us-east-1. */
    static Region region(Options options) {
        return options.region().map(Region::of).orElseGet(() -> defaultRegion(options));
    }

    private static Region defaultRegion(Options options) {
        try {
            DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
            options.profile().ifPresent(chain::profileName);
            return chain.build().getRegion();
        } catch (RuntimeException e) {
            return Region.US_EAST_1;
        }
    }
}
