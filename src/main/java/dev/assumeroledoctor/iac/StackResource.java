package dev.assumeroledoctor.iac;

import java.util.Optional;

/**
 * A resource as CloudFormation's {@code DescribeStackResources} names it.
 *
 * @param stackId empty where the template was given offline (no deployed stack was asked)
 * @param region  empty offline for the same reason
 */
public record StackResource(String stackName, Optional<String> stackId, Optional<String> region, String logicalId, String resourceType) {

    /** A StackSet's instances are stacks named {@code StackSet-<name>-<uuid>}: the change belongs in the StackSet. */
    public Optional<String> stackSet() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("StackSet-(.+)-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}").matcher(stackName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
