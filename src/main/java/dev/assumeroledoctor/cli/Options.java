package dev.assumeroledoctor.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One command line, parsed.
 *
 * @param snapshotOut set for {@code snapshot}: the directory the offline files are written to
 * @param history     offline: a file of recent CloudTrail records that gives the diagnosis its history
 * @param historyRegions live: the regions whose event history gives the diagnosis its history (none: no history)
 * @param templates   offline: stack name to template file, for the IaC section (none: no IaC section offline)
 * @param stackRegions live: where the stacks that define IAM resources are deployed
 * @param managedByTags the tags that say who manages a resource no stack defines
 */
record Options(String command, Path event, Optional<Path> sample, List<Path> iam, Optional<Path> org, boolean json, boolean live,
               Optional<String> inspectorRole, Optional<String> orgRole, Optional<String> region, Optional<String> profile,
               Optional<URI> endpointUrl, Optional<Path> snapshotOut, boolean debug, Optional<Path> history, List<String> historyRegions,
               java.util.Map<String, Path> templates, List<String> stackRegions, List<String> managedByTags) {
    Options {
        iam = List.copyOf(iam);
        historyRegions = List.copyOf(historyRegions);
        templates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(templates));
        stackRegions = List.copyOf(stackRegions);
        managedByTags = List.copyOf(managedByTags);
    }
}
