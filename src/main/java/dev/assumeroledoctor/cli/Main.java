package dev.assumeroledoctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.iac.IacPlanner;
import dev.assumeroledoctor.event.ParsedEvent;
import dev.assumeroledoctor.history.RecordedHistory;
import dev.assumeroledoctor.snapshot.Inspection;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.JsonReport;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.report.TextReport;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.Snapshot;
import dev.assumeroledoctor.snapshot.SnapshotFiles;
import dev.assumeroledoctor.watch.DiagnosisHistory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The command line ({@code assume-role-doctor --help}): {@code diagnose} offline from snapshot files
 * or {@code --live}, {@code snapshot --live --out DIR}. Errors are one line on stderr (a stack
 * trace only with {@code --debug}); exit codes are listed in the help (0, 2, 252-255).
 */
public final class Main {
    static final int OK = 0;
    static final int BAD_INPUT = 2;
    static final int USAGE = 252;
    static final int CONFIGURATION = 253;
    static final int AWS_FAILED = 254;
    static final int UNEXPECTED = 255;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, utf8(java.io.FileDescriptor.out), utf8(java.io.FileDescriptor.err)));
    }

    /* UTF-8 whatever the locale: a report's bullets and arrows never print as "?". */
    static PrintStream utf8(java.io.FileDescriptor fd) {
        return new PrintStream(new java.io.FileOutputStream(fd), true, java.nio.charset.StandardCharsets.UTF_8);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, LiveSetup::inspector);
    }

    static int run(String[] args, PrintStream out, PrintStream err, Function<Options, LiveInspector> live) {
        CommandLine cli = CommandLineSpec.build();
        CommandLine.ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            err.println("Try '" + CommandLineSpec.NAME + " " + commandPath(e.getCommandLine()) + "--help'.");
            return USAGE;
        }
        Optional<Integer> answered = helpOrVersion(parsed, out);
        if (answered.isPresent()) {
            return answered.get();
        }
        if (!parsed.hasSubcommand()) {
            err.println("no command given: diagnose, snapshot, check, compare or watch. Try '" + CommandLineSpec.NAME + " --help'.");
            return USAGE;
        }
        if (parsed.subcommand().commandSpec().name().equals("check")) {
            return CheckCommand.run(parsed.subcommand(), out, err, live);
        }
        if (parsed.subcommand().commandSpec().name().equals("watch")) {
            return WatchCommand.run(parsed.subcommand(), out, err, live);
        }
        if (parsed.subcommand().commandSpec().name().equals("compare")) {
            return CompareCommand.run(parsed.subcommand(), out, err);
        }
        Options options;
        try {
            options = CommandLineSpec.options(parsed.subcommand());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("Try '" + CommandLineSpec.NAME + " " + parsed.subcommand().commandSpec().name() + " --help'.");
            return USAGE;
        }
        try {
            return execute(options, out, err, live);
        } catch (RuntimeException e) {
            return Failures.report(e, options.debug(), err);
        } catch (IOException e) {
            err.println("cannot read " + options.event() + ": " + Failures.reason(e));
            return BAD_INPUT;
        }
    }

    /* --help and --version anywhere, and "help [COMMAND]": printed to stdout, exit 0. */
    private static Optional<Integer> helpOrVersion(CommandLine.ParseResult parsed, PrintStream out) {
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.isUsageHelpRequested()) {
                level.commandSpec().commandLine().usage(out);
                return Optional.of(OK);
            }
            if (level.isVersionHelpRequested()) {
                level.commandSpec().commandLine().printVersionHelp(out);
                return Optional.of(OK);
            }
            if (level.commandSpec().name().equals("help")) {
                String which = level.matchedPositionalValue(0, "");
                CommandLine target = parsed.commandSpec().commandLine().getSubcommands().get(which);
                (target == null ? parsed.commandSpec().commandLine() : target).usage(out);
                return Optional.of(OK);
            }
            if (!level.hasSubcommand()) {
                break;
            }
        }
        return Optional.empty();
    }

    private static String commandPath(CommandLine command) {
        return command.getParent() == null ? "" : command.getCommandName() + " ";
    }

    private static int execute(Options options, PrintStream out, PrintStream err, Function<Options, LiveInspector> live) throws IOException {
        JsonNode event = CheckCommand.event(options.event(), "--event");
        if (options.snapshotOut().isPresent()) {
            return writeSnapshot(options, event, live.apply(options), out, err);
        }
        DiagnosisService service;
        Optional<DiagnosisHistory> history;
        Optional<LiveInspector> liveInspector = Optional.empty();
        if (options.live()) {
            LiveInspector inspector = live.apply(options);
            liveInspector = Optional.of(inspector);
            // the command line diagnoses its user's own failures too: only the deployed function must never diagnose its own calls
            service = new DiagnosisService(inspector);
            history = options.historyRegions().isEmpty() ? Optional.empty() : Optional.of(new DiagnosisHistory(
                    inspector.history(options.historyRegions()), inspector, HISTORY_DAYS, Clock.systemUTC(), ForkJoinPool.commonPool()));
        } else {
            Snapshot snapshot = options.sample().map(SnapshotFiles::loadDirectory).orElseGet(() -> SnapshotFiles.load(options.iam(), options.org()));
            service = new DiagnosisService(e -> snapshot);
            history = options.history().map(file -> new DiagnosisHistory(new RecordedHistory(WatchCommand.history(file), snapshot), e -> snapshot,
                    HISTORY_DAYS, Clock.fixed(eventTime(event), ZoneOffset.UTC), Runnable::run));
        }
        Optional<IacPlanner> iac = IacSetup.planner(options, liveInspector);
        if (iac.isPresent()) {
            service = service.withIac(iac.get());
        }
        // the history's lookups start first and run beside the diagnosis's own reads
        Optional<DiagnosisHistory.Pending> pending = history.flatMap(h -> EventParser.applicable(event).flatMap(h::start));
        Report report = service.diagnose(event);
        if (pending.isPresent() && report instanceof Report.Diagnosed diagnosed) {
            report = history.get().attach(pending.get(), diagnosed);
        }
        out.print(options.json() ? Json.pretty(JsonReport.render(report)) + "\n" : TextReport.render(report));
        return OK;
    }

    /* A diagnosis's history covers the week before the call: offline, the week before the record's time. */
    private static final Duration HISTORY_DAYS = Duration.ofDays(7);

    private static java.time.Instant eventTime(JsonNode event) {
        JsonNode record = event.has("detail") ? event.get("detail") : event;
        try {
            return java.time.Instant.parse(record.path("eventTime").asText(""));
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.Instant.now();
        }
    }

    private static int writeSnapshot(Options options, JsonNode event, LiveInspector inspector, PrintStream out, PrintStream err)
            throws IOException {
        ParsedEvent parsed = EventParser.parse(event);
        if (!(parsed instanceof ParsedEvent.Applicable applicable)) {
            err.println("nothing to inspect: " + ((ParsedEvent.NotApplicable) parsed).reason());
            return BAD_INPUT;
        }
        Inspection inspection = inspector.inspect(applicable.event());
        inspection.write(options.snapshotOut().get());
        out.println("wrote " + inspection.iamFiles().size() + " account file(s)" + (inspection.organizationFile().isPresent() ? " and org.json" : "")
                + " to " + options.snapshotOut().get());
        inspection.gaps().forEach(gap -> out.println("could not read " + gap.what() + ": " + gap.why()));
        return OK;
    }
}
