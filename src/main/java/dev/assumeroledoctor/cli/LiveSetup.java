package dev.assumeroledoctor.cli;

import dev.assumeroledoctor.inspect.InspectorConfig;
import dev.assumeroledoctor.inspect.LiveInspector;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** The live inspector for the command line: default credential chain (profiles, SSO, env) and region. */
final class LiveSetup {
    private LiveSetup() {
    }

    static LiveInspector inspector(Main.Options options) {
        Region region = options.region().map(Region::of).orElseGet(LiveSetup::defaultRegion);
        return new LiveInspector(InspectorConfig.defaults(region).withRoles(options.inspectorRole(), options.orgRole()));
    }

    private static Region defaultRegion() {
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            return Region.US_EAST_1;
        }
    }
}
