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
 */
record Options(String command, Path event, Optional<Path> sample, List<Path> iam, Optional<Path> org, boolean json, boolean live,
               Optional<String> inspectorRole, Optional<String> orgRole, Optional<String> region, Optional<String> profile,
               Optional<URI> endpointUrl, Optional<Path> snapshotOut, boolean debug, Optional<Path> history, List<String> historyRegions) {
    Options {
        iam = List.copyOf(iam);
        historyRegions = List.copyOf(historyRegions);
    }
}
