package dev.assumeroledoctor.cli;

import dev.assumeroledoctor.diagnosis.DiagnosisService;
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

/**
 * {@code diagnose --event E.json [--iam F.json]... [--org O.json] [--format text|json]}: exit 0
 * when a report was produced, whatever its verdict; 2 with a clear message for unreadable input.
 */
public final class Main {
    static final int OK = 0;
    static final int BAD_INPUT = 2;
    private static final String USAGE = "usage: diagnose --event EVENT.json [--iam AUTH-DETAILS.json]... [--org ORG.json] [--format text|json]\n"
            + "       diagnose --sample DIR [--format text|json]   (DIR/event.json, DIR/iam-*.json, DIR/org.json)";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return BAD_INPUT;
        }
        try {
            Snapshot snapshot = SnapshotFiles.load(options.iam, options.org);
            String eventText = Files.readString(options.event);
            Report report = new DiagnosisService(event -> snapshot).diagnose(Json.readTree(eventText));
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

    private record Options(Path event, List<Path> iam, Optional<Path> org, boolean json) {
        static Options parse(String[] args) {
            if (args.length == 0 || !args[0].equals("diagnose")) {
                throw new IllegalArgumentException(args.length == 0 ? "no command given" : "unknown command: " + args[0]);
            }
            Path event = null;
            List<Path> iam = new ArrayList<>();
            Optional<Path> org = Optional.empty();
            boolean json = false;
            for (int i = 1; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--event" -> event = Path.of(value);
                    case "--sample" -> {
                        Path dir = Path.of(value);
                        event = dir.resolve("event.json");
                        iam.addAll(sampleFiles(dir));
                        if (Files.exists(dir.resolve("org.json"))) {
                            org = Optional.of(dir.resolve("org.json"));
                        }
                    }
                    case "--iam" -> iam.add(Path.of(value));
                    case "--org" -> org = Optional.of(Path.of(value));
                    case "--format" -> {
                        if (!value.equals("text") && !value.equals("json")) {
                            throw new IllegalArgumentException("--format takes text or json, not " + value);
                        }
                        json = value.equals("json");
                    }
                    default -> throw new IllegalArgumentException("unknown option: " + flag);
                }
            }
            if (event == null) {
                throw new IllegalArgumentException("--event is required");
            }
            return new Options(event, iam, org, json);
        }

        private static List<Path> sampleFiles(Path dir) {
            try (var files = Files.list(dir)) {
                return files.filter(f -> f.getFileName().toString().matches("iam-.*\\.json")).sorted().toList();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read sample directory " + dir + ": " + e.getMessage());
            }
        }
    }
}
