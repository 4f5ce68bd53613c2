package dev.assumeroledoctor.cli;

import dev.assumeroledoctor.check.Comparison;
import dev.assumeroledoctor.check.ComparisonReport;
import dev.assumeroledoctor.json.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** {@code compare --allowed EVENT --denied EVENT}: what differs between a success and a failure, and which difference decides. */
final class CompareCommand {
    private CompareCommand() {
    }

    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("compare");
        spec.usageMessage().description("Why one call succeeded and another was denied: the request facts that differ, the deciding"
                + " ones marked, then the failure's diagnosis. Offline, from the same files as diagnose.");
        spec.usageMessage().footer("", "Exit codes: 0 a comparison was produced; 2 bad input; 252 a wrong command line.");
        CommandLineSpec.help(spec);
        spec.addOption(CommandLineSpec.option("--allowed", "FILE", Path.class, "The CloudTrail record (or EventBridge event) of the call that succeeded."));
        spec.addOption(CommandLineSpec.option("--denied", "FILE", Path.class, "The record of the call that was denied."));
        CommandLineSpec.snapshotSources(spec);
        CommandLineSpec.output(spec, "");
        spec.addOption(OptionSpec.builder("--debug").arity("0").type(boolean.class).description("Print stack traces of errors.").build());
        return spec;
    }

    static int run(ParseResult command, PrintStream out, PrintStream err) {
        boolean debug = command.matchedOptionValue("--debug", false);
        try {
            Path allowed = command.matchedOptionValue("--allowed", null);
            Path denied = command.matchedOptionValue("--denied", null);
            List<String> iam = command.matchedOptionValue("--iam", List.of());
            Optional<Path> dir = Optional.ofNullable(command.matchedOptionValue("--snapshot", null));
            if (allowed == null || denied == null) {
                throw new UsageError("compare", "compare needs --allowed FILE and --denied FILE");
            }
            if (iam.isEmpty() == dir.isEmpty()) {
                throw new UsageError("compare", "compare reads one source: --iam FILE... [--org FILE], or --snapshot DIR");
            }
            boolean json = CommandLineSpec.json(command);
            Comparison comparison = Comparison.of(CheckCommand.event(allowed, "--allowed"), CheckCommand.event(denied, "--denied"),
                    CheckCommand.offline(iam, Optional.ofNullable(command.matchedOptionValue("--org", null)), dir));
            out.print(json ? Json.pretty(ComparisonReport.json(comparison)) + "\n" : ComparisonReport.text(comparison));
            return Main.OK;
        } catch (RuntimeException e) {
            return Failures.report(e, debug, err);
        }
    }
}
