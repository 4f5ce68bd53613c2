package dev.assumeroledoctor.cli;

import dev.assumeroledoctor.iac.GivenTemplates;
import dev.assumeroledoctor.iac.IacPlanner;
import dev.assumeroledoctor.inspect.LiveInspector;
import java.util.List;
import java.util.Optional;

/**
 * The IaC section of diagnose, check and watch, built one way: live, the stacks of
 * {@code --stack-region} (default the command's region) read through the command's inspector;
 * offline, the {@code --template} files; offline without templates, no section.
 */
final class IacSetup {
    private IacSetup() {
    }

    static Optional<IacPlanner> planner(Options options, Optional<LiveInspector> live) {
        if (live.isPresent()) {
            List<String> regions = options.stackRegions().isEmpty() ? List.of(LiveSetup.region(options).id()) : options.stackRegions();
            return Optional.of(new IacPlanner(live.get().stacks(regions), options.managedByTags()));
        }
        return options.templates().isEmpty() ? Optional.empty()
                : Optional.of(new IacPlanner(new GivenTemplates(options.templates()), options.managedByTags()));
    }
}
