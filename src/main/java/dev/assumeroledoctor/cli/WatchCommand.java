package dev.assumeroledoctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.history.ChangeImpact;
import dev.assumeroledoctor.history.HistorySource;
import dev.assumeroledoctor.history.ImpactReport;
import dev.assumeroledoctor.history.PolicyChange;
import dev.assumeroledoctor.history.PolicyChanges;
import dev.assumeroledoctor.history.RecordedHistory;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.snapshot.Snapshot;
import dev.assumeroledoctor.snapshot.SnapshotException;
import dev.assumeroledoctor.watch.ChangeWatch;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code watch --change EVENT}: which callers that worked recently a policy change breaks, as the
 * Lambda's change watch finds them, from a history file offline or CloudTrail live. Exit 0 when it
 * breaks none and every path was checked, 1 when it breaks one (or a path could not be checked),
 * 2 on bad input.
 */
final class WatchCommand {
    private WatchCommand() {
    }

    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("watch");
        spec.usageMessage().description("Which callers that worked in the last days a policy change breaks: the change's CloudTrail"
                + " record, re-evaluated against the state after it (the files, or --live).");
        spec.usageMessage().footer("", "Exit codes: 0 the change breaks no recent path; 1 it breaks one, or a path could not be checked;"
                + " 2 bad input; 252-255 as for diagnose.");
        CommandLineSpec.help(spec);
        spec.addOption(CommandLineSpec.option("--change", "FILE", Path.class, "The change's CloudTrail record or EventBridge event"
                + " (UpdateAssumeRolePolicy, PutRolePolicy, AttachPolicy…)."));
        spec.addOption(CommandLineSpec.option("--history", "FILE", Path.class, "Offline: recent CloudTrail records, a JSON array or"
                + " 'aws cloudtrail lookup-events' output, from every account involved."));
        spec.addOption(OptionSpec.builder("--days").paramLabel("N").type(int.class).defaultValue("7")
                .description("How many days of successes to check (1-90, default 7).").build());
        spec.addOption(OptionSpec.builder("--history-region").paramLabel("REGION").type(List.class).auxiliaryTypes(String.class).arity("1")
                .description("Live: a region whose event history is searched (repeat; default --region).").build());
        CommandLineSpec.snapshotSources(spec);
        CommandLineSpec.output(spec, "");
        CommandLineSpec.liveOptions(spec);
        CommandLineSpec.iacOptions(spec);
        return spec;
    }

    static int run(ParseResult command, PrintStream out, PrintStream err, Function<Options, LiveInspector> live) {
        boolean debug = command.matchedOptionValue("--debug", false);
        ChangeImpact impact;
        boolean json;
        try {
            json = CommandLineSpec.json(command);
            int days = command.matchedOptionValue("--days", 7);
            if (days < 1 || days > 90) {
                throw new UsageError("watch", "--days takes 1 to 90 (CloudTrail's event history keeps 90 days), not " + days);
            }
            Path changeFile = command.matchedOptionValue("--change", null);
            if (changeFile == null) {
                throw new UsageError("watch", "watch needs --change FILE: the change's CloudTrail record");
            }
            JsonNode change = CheckCommand.json(changeFile);
            PolicyChange parsed = PolicyChanges.parse(change).orElseThrow(() -> new IllegalArgumentException(changeFile
                    + " is not a successful policy change the watch follows (" + String.join(", ", new java.util.TreeSet<>(PolicyChanges.WATCHED.keySet()))
                    + ")"));
            impact = watch(command, live, days, parsed).assess(change).orElseThrow();
        } catch (RuntimeException e) {
            return Failures.report(e, debug, err);
        }
        out.print(json ? Json.pretty(ImpactReport.json(impact)) + "\n" : ImpactReport.text(impact));
        return impact.broken().isEmpty() && impact.undetermined().isEmpty() ? Main.OK : CheckCommand.MISMATCH;
    }

    private static ChangeWatch watch(ParseResult command, Function<Options, LiveInspector> live, int days, PolicyChange change) {
        List<String> iam = command.matchedOptionValue("--iam", List.of());
        Optional<Path> org = Optional.ofNullable(command.matchedOptionValue("--org", null));
        Optional<Path> dir = Optional.ofNullable(command.matchedOptionValue("--snapshot", null));
        Optional<Path> history = Optional.ofNullable(command.matchedOptionValue("--history", null));
        boolean isLive = command.matchedOptionValue("--live", false);
        ChangeWatch.Limits limits = new ChangeWatch.Limits(Duration.ofDays(days));
        if (isLive) {
            if (!iam.isEmpty() || dir.isPresent() || history.isPresent()) {
                throw new UsageError("watch", "--live reads AWS and CloudTrail: it takes no --iam, --snapshot or --history");
            }
            Options options = CommandLineSpec.options(command, null, Optional.empty(), List.of(), Optional.empty(), false, true, Optional.empty());
            LiveInspector inspector = live.apply(options);
            List<String> regions = command.matchedOptionValue("--history-region", List.of(options.region().orElse("us-east-1")));
            ChangeWatch watch = new ChangeWatch(inspector.history(regions), inspector, limits, Clock.systemUTC(), Runnable::run);
            return IacSetup.planner(options, Optional.of(inspector)).map(watch::withIac).orElse(watch);
        }
        if (history.isEmpty() || iam.isEmpty() == dir.isEmpty()) {
            throw new UsageError("watch", "watch reads --history FILE with one snapshot source (--iam FILE... [--org FILE], or"
                    + " --snapshot DIR), or --live");
        }
        Snapshot snapshot = CheckCommand.offline(iam, org, dir);
        HistorySource recorded = new RecordedHistory(history(history.get()), snapshot);
        // offline, "the last days" end at the change: the files hold the history up to it
        ChangeWatch watch = new ChangeWatch(recorded, (AssumeRoleEvent e) -> snapshot, limits, Clock.fixed(change.time(), ZoneOffset.UTC),
                Runnable::run);
        Options options = CommandLineSpec.options(command, null, Optional.empty(), List.of(), Optional.empty(), false, false, Optional.empty());
        return IacSetup.planner(options, Optional.empty()).map(watch::withIac).orElse(watch);
    }

    /** The records of a history file (watch --history, diagnose --history); a malformed one is named. */
    static List<JsonNode> history(Path file) {
        try {
            return RecordedHistory.read(CheckCommand.json(file));
        } catch (IllegalArgumentException e) {
            throw new SnapshotException(file + ": " + e.getMessage(), e);
        }
    }
}
