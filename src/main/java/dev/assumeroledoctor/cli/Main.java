package dev.assumeroledoctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.event.ParsedEvent;
import dev.assumeroledoctor.inspect.Inspection;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.event.EventParseException;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.JsonReport;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.report.TextReport;
import dev.assumeroledoctor.snapshot.Snapshot;
import dev.assumeroledoctor.snapshot.SnapshotException;
import dev.assumeroledoctor.snapshot.SnapshotFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code diagnose --event E.json [--iam F.json]... [--org O.json] [--format text|json]}, or
 * {@code --live} against AWS, and {@code snapshot --live --out DIR}: exit 0 when a report (or
 * snapshot) was produced, whatever its verdict; 2 with a clear message for unreadable input.
 */
public final class Main {
    static final int OK = 0;
    static final int BAD_INPUT = 2;
    private static final String USAGE = "usage: diagnose --event EVENT.json [--iam AUTH-DETAILS.json]... [--org ORG.json] [--format text|json]\n"
            + "       diagnose --sample DIR [--format text|json]   (DIR/event.json, DIR/iam-*.json, DIR/org.json)\n"
            + "       diagnose --event EVENT.json --live [--inspector-role NAME] [--org-role ARN] [--region R] [--format text|json]\n"
            + "       snapshot --event EVENT.json --live --out DIR [--inspector-role NAME] [--org-role ARN] [--region R]";

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
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return BAD_INPUT;
        }
        try {
            JsonNode event = Json.readTree(Files.readString(options.event));
            if (options.snapshotOut.isPresent()) {
                return writeSnapshot(options, event, live.apply(options), out, err);
            }
            DiagnosisService service;
            if (options.live) {
                LiveInspector inspector = live.apply(options);
                service = new DiagnosisService(inspector, inspector::selfEvent);
            } else {
                Snapshot snapshot = options.sample.map(SnapshotFiles::loadDirectory).orElseGet(() -> SnapshotFiles.load(options.iam, options.org));
                service = new DiagnosisService(e -> snapshot);
            }
            Report report = service.diagnose(event);
            out.print(options.json ? Json.pretty(JsonReport.render(report)) + "\n" : TextReport.render(report));
            return OK;
        } catch (IOException e) {
            err.println("cannot read " + options.event + ": " + e.getMessage());
        } catch (SnapshotException | EventParseException e) {
            err.println(e.getMessage());
        } catch (IllegalArgumentException e) {
            err.println(options.event + ": " + e.getMessage());
        }
        return BAD_INPUT;
    }

    private static int writeSnapshot(Options options, JsonNode event, LiveInspector inspector, PrintStream out, PrintStream err)
            throws IOException {
        ParsedEvent parsed = EventParser.parse(event);
        if (!(parsed instanceof ParsedEvent.Applicable applicable)) {
            err.println("nothing to inspect: " + ((ParsedEvent.NotApplicable) parsed).reason());
            return BAD_INPUT;
        }
        Inspection inspection = inspector.inspect(applicable.event());
        inspection.write(options.snapshotOut.get());
        out.println("wrote " + inspection.iamFiles().size() + " account file(s)" + (inspection.organizationFile().isPresent() ? " and org.json" : "")
                + " to " + options.snapshotOut.get());
        inspection.gaps().forEach(gap -> out.println("could not read " + gap.what() + ": " + gap.why()));
        return OK;
    }

    record Options(Path event, Optional<Path> sample, List<Path> iam, Optional<Path> org, boolean json, boolean live, Optional<String> inspectorRole,
                   Optional<String> orgRole, Optional<String> region, Optional<Path> snapshotOut) {
        static Options parse(String[] args) {
            if (args.length == 0 || !(args[0].equals("diagnose") || args[0].equals("snapshot"))) {
                throw new IllegalArgumentException(args.length == 0 ? "no command given" : "unknown command: " + args[0]);
            }
            boolean snapshot = args[0].equals("snapshot");
            Path event = null;
            List<Path> iam = new ArrayList<>();
            Optional<Path> org = Optional.empty();
            boolean json = false;
            boolean live = false;
            Optional<String> inspectorRole = Optional.empty();
            Optional<String> orgRole = Optional.empty();
            Optional<String> region = Optional.empty();
            Optional<Path> out = Optional.empty();
            Optional<Path> sample = Optional.empty();
            for (int i = 1; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--live")) {
                    live = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--event" -> event = Path.of(value);
                    case "--sample" -> {
                        sample = Optional.of(Path.of(value));
                        event = sample.get().resolve("event.json");
                    }
                    case "--iam" -> iam.add(Path.of(value));
                    case "--org" -> org = Optional.of(Path.of(value));
                    case "--format" -> {
                        if (!value.equals("text") && !value.equals("json")) {
                            throw new IllegalArgumentException("--format takes text or json, not " + value);
                        }
                        json = value.equals("json");
                    }
                    case "--inspector-role" -> inspectorRole = Optional.of(value);
                    case "--org-role" -> orgRole = Optional.of(value);
                    case "--region" -> region = Optional.of(value);
                    case "--out" -> out = Optional.of(Path.of(value));
                    default -> throw new IllegalArgumentException("unknown option: " + flag);
                }
            }
            if (event == null) {
                throw new IllegalArgumentException("--event is required");
            }
            if (snapshot && (!live || out.isEmpty())) {
                throw new IllegalArgumentException("snapshot needs --live and --out DIR");
            }
            if (live && (!iam.isEmpty() || org.isPresent())) {
                throw new IllegalArgumentException("--live reads AWS: it takes no --iam or --org files");
            }
            return new Options(event, sample, iam, org, json, live, inspectorRole, orgRole, region, out);
        }
    }
}
