package dev.assumeroledoctor.cli;

import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.iac.GivenTemplates;
import dev.assumeroledoctor.iac.IacPlanner;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.ParseResult;

/**
 * The IaC section of check and watch, as diagnose builds it: live, the stacks of {@code --stack-region}
 * (default the command's region) read through the same inspector; offline, the {@code --template}
 * files; offline without templates, no section.
 */
final class IacSetup {
    private IacSetup() {
    }

    static Optional<IacPlanner> planner(ParseResult command, Function<AssumeRoleEvent, Snapshot> source, Optional<String> region) {
        boolean live = source instanceof LiveInspector;
        List<String> tags = command.matchedOptionValue("--managed-by-tag", IacPlanner.DEFAULT_TAG_KEYS);
        var templates = CommandLineSpec.templates(command, live);
        if (source instanceof LiveInspector inspector) {
            List<String> regions = command.matchedOptionValue("--stack-region", List.of(region.orElse("us-east-1")));
            return Optional.of(new IacPlanner(inspector.stacks(regions), tags));
        }
        return templates.isEmpty() ? Optional.empty() : Optional.of(new IacPlanner(new GivenTemplates(templates), tags));
    }
}
