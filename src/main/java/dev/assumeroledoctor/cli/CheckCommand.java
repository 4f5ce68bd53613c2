package dev.assumeroledoctor.cli;

import dev.assumeroledoctor.check.CheckReport;
import dev.assumeroledoctor.check.PathChecker;
import dev.assumeroledoctor.check.PathResult;
import dev.assumeroledoctor.check.PathSpec;
import dev.assumeroledoctor.check.PathsFile;
import dev.assumeroledoctor.check.PlanOverlay;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.snapshot.Snapshot;
import dev.assumeroledoctor.snapshot.SnapshotException;
import dev.assumeroledoctor.snapshot.SnapshotFiles;
import dev.assumeroledoctor.snapshot.StoredPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code check}: pre-flight evaluation of expected assume-role paths, one from the options or a
 * list from {@code --paths}, on the snapshot as it is or with {@code --with-*} proposed documents.
 * Exit 0 when every path is as expected, 1 when one is not (or cannot be determined), 2 on bad input.
 */
final class CheckCommand {
    static final int MISMATCH = 1;

    private CheckCommand() {
    }

    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("check");
        spec.usageMessage().description("Checks assume-role paths before they fail: in CI, before a policy change lands (--with-*),"
                + " or to see why one caller can and another cannot.");
        spec.usageMessage().footer("", "Exit codes: 0 every path as expected; 1 a path is not (or cannot be determined); 2 bad input;"
                + " 252-255 as for diagnose.");
        CommandLineSpec.help(spec);
        spec.addOption(CommandLineSpec.option("--principal", "ARN", String.class, "The caller as CloudTrail shows it: a user, role,"
                + " session or root ARN (the provider ARN for the federated actions)."));
        spec.addOption(CommandLineSpec.option("--role", "ARN", String.class, "The role to assume."));
        spec.addOption(OptionSpec.builder("--action").paramLabel("ACTION").type(String.class).defaultValue("sts:AssumeRole")
                .description("sts:AssumeRole (default), sts:AssumeRoleWithSAML or sts:AssumeRoleWithWebIdentity.").build());
        spec.addOption(repeated("--context", "KEY=VALUE", "A request key: " + String.join(", ", new java.util.TreeSet<>(PathSpec.CONTEXT_KEYS))
                + ", or a token claim (ISSUER:sub, ISSUER:aud, SAML:sub)."));
        spec.addOption(flag("--external-id-present", "The caller passes the ExternalId the role expects (never shown)."));
        spec.addOption(flag("--mfa", "The caller authenticated with MFA."));
        spec.addOption(repeated("--tags", "KEY=VALUE", "A session tag the call passes."));
        spec.addOption(CommandLineSpec.option("--source-identity", "VALUE", String.class, "The source identity the call sets."));
        spec.addOption(CommandLineSpec.option("--expect", "allow|deny", String.class, "What the single path should do (default allow)."));
        spec.addOption(CommandLineSpec.option("--paths", "FILE", Path.class, "A JSON or YAML (.yaml, .yml) list of paths (README 'Check paths before they fail')."));
        CommandLineSpec.snapshotSources(spec);
        spec.addOption(repeated("--with-trust", "ROLE_ARN=FILE", "Plan mode: evaluate with this proposed trust policy."));
        spec.addOption(repeated("--with-policy", "POLICY_ARN=FILE", "Plan mode: evaluate with this proposed managed policy document."));
        spec.addOption(repeated("--with-scp", "ID=FILE", "Plan mode: evaluate with this proposed SCP or RCP document."));
        spec.addOption(OptionSpec.builder("--output", "--format").paramLabel("text|json|markdown").type(String.class).defaultValue("text")
                .description("text (default), json, or markdown (a table for a pull request or a CI step summary).").build());
        CommandLineSpec.liveOptions(spec);
        CommandLineSpec.iacOptions(spec);
        return spec;
    }

    static int run(ParseResult command, PrintStream out, PrintStream err, Function<Options, LiveInspector> live) {
        boolean debug = command.matchedOptionValue("--debug", false);
        List<PathResult> results;
        PlanOverlay plan;
        String output = command.matchedOptionValue("--output", "text");
        try {
            if (!List.of("text", "json", "markdown").contains(output)) {
                throw new UsageError("check", "--output takes text, json or markdown, not " + output);
            }
            plan = new PlanOverlay(documents(command, "--with-trust"), documents(command, "--with-policy"), documents(command, "--with-scp"));
            List<PathSpec> paths = paths(command);
            Function<AssumeRoleEvent, Snapshot> snapshots = snapshots(command, live);
            PathChecker checker = new PathChecker(snapshots, plan, Instant.now());
            Options options = CommandLineSpec.options(command, null, Optional.empty(), List.of(), Optional.empty(), false,
                    snapshots instanceof LiveInspector, Optional.empty());
            Optional<dev.assumeroledoctor.iac.IacPlanner> iac = IacSetup.planner(options,
                    snapshots instanceof LiveInspector inspector ? Optional.of(inspector) : Optional.empty());
            if (iac.isPresent()) {
                checker = checker.withIac(iac.get().withPlanned(plan.proposed()));
            }
            results = checker.check(paths);
        } catch (RuntimeException e) {
            return Failures.report(e, debug, err);
        }
        switch (output) {
            case "json" -> out.print(Json.pretty(CheckReport.json(results, plan)) + "\n");
            case "markdown" -> out.print(CheckReport.markdown(results, plan));
            default -> out.print(CheckReport.text(results, plan));
        }
        return CheckReport.allMatch(results) ? Main.OK : MISMATCH;
    }

    private static List<PathSpec> paths(ParseResult command) {
        Optional<Path> file = Optional.ofNullable(command.matchedOptionValue("--paths", null));
        boolean single = command.hasMatchedOption("--principal") || command.hasMatchedOption("--role");
        if (file.isPresent() == single) {
            throw new UsageError("check", "check takes either --principal ARN --role ARN (one path) or --paths FILE");
        }
        if (file.isPresent()) {
            String name = file.get().getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            try {
                return name.endsWith(".yaml") || name.endsWith(".yml") ? PathsFile.parseYaml(read(file.get())) : PathsFile.parse(read(file.get()));
            } catch (IllegalArgumentException e) {
                throw new SnapshotException(file.get() + ": " + e.getMessage(), e);
            }
        }
        String principal = command.matchedOptionValue("--principal", null);
        String role = command.matchedOptionValue("--role", null);
        if (principal == null || role == null) {
            throw new UsageError("check", "a single path needs both --principal ARN and --role ARN (or --paths FILE)");
        }
        return List.of(new PathSpec(principal, role, command.matchedOptionValue("--action", "sts:AssumeRole"),
                pairs(command.matchedOptionValue("--context", List.of()), "--context", false),
                command.matchedOptionValue("--external-id-present", false), command.matchedOptionValue("--mfa", false),
                pairs(command.matchedOptionValue("--tags", List.of()), "--tags", false),
                Optional.ofNullable(command.matchedOptionValue("--source-identity", null)),
                PathsFile.expectation(command.matchedOptionValue("--expect", "allow"))));
    }

    private static Function<AssumeRoleEvent, Snapshot> snapshots(ParseResult command, Function<Options, LiveInspector> live) {
        List<String> iam = command.matchedOptionValue("--iam", List.of());
        Optional<Path> org = Optional.ofNullable(command.matchedOptionValue("--org", null));
        Optional<Path> dir = Optional.ofNullable(command.matchedOptionValue("--snapshot", null));
        boolean isLive = command.matchedOptionValue("--live", false);
        int sources = (iam.isEmpty() ? 0 : 1) + (dir.isPresent() ? 1 : 0) + (isLive ? 1 : 0);
        if (sources != 1 || (org.isPresent() && iam.isEmpty())) {
            throw new UsageError("check", "check reads one source: --iam FILE... [--org FILE], or --snapshot DIR, or --live");
        }
        if (isLive) {
            // the inspector reads what each path involves, with the diagnosis's caches and bounds
            return live.apply(CommandLineSpec.options(command, null, Optional.empty(), List.of(), Optional.empty(), false, true, Optional.empty()));
        }
        Snapshot snapshot = offline(iam, org, dir);
        return event -> snapshot;
    }

    static Snapshot offline(List<String> iam, Optional<Path> org, Optional<Path> dir) {
        return dir.map(SnapshotFiles::loadDirectory).orElseGet(() -> SnapshotFiles.load(iam.stream().map(Path::of).toList(), org));
    }

    private static Map<String, StoredPolicy> documents(ParseResult command, String option) {
        Map<String, StoredPolicy> documents = new LinkedHashMap<>();
        pairs(command.matchedOptionValue(option, List.of()), option, true).forEach((target, file) -> {
            try {
                documents.put(target, StoredPolicy.of(Json.readTree(read(Path.of(file)))));
            } catch (RuntimeException e) {
                throw new SnapshotException(option + " " + file + ": " + e.getMessage(), e);
            }
        });
        return documents;
    }

    /* KEY=VALUE: values may hold '=' (split at the first); for ARN=FILE a role name may (split at the last). */
    private static Map<String, String> pairs(List<String> values, String option, boolean lastEquals) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String value : values) {
            int at = lastEquals ? value.lastIndexOf('=') : value.indexOf('=');
            if (at <= 0 || at == value.length() - 1) {
                throw new IllegalArgumentException(option + " takes " + (lastEquals ? "TARGET=FILE" : "KEY=VALUE") + ", not " + value);
            }
            result.put(value.substring(0, at), value.substring(at + 1));
        }
        return result;
    }

    /**
     * A CloudTrail record or EventBridge event given as {@code option FILE}: not JSON, or not readable
     * as a record (a missing or unusable eventTime…), the error names the option, the file and the place.
     */
    static com.fasterxml.jackson.databind.JsonNode event(Path file, String option) {
        com.fasterxml.jackson.databind.JsonNode node;
        try {
            node = Json.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new SnapshotException(option + " " + file + ": cannot be read (" + Failures.reason(e) + ")", e);
        } catch (IllegalArgumentException e) {
            throw new SnapshotException(option + " " + file + ": " + e.getMessage(), e);
        }
        try {
            dev.assumeroledoctor.event.EventParser.parse(node);
        } catch (dev.assumeroledoctor.event.EventParseException e) {
            // the user's own file: the offending value is shown
            throw new dev.assumeroledoctor.event.EventParseException(option + " " + file + ": " + e.getMessage()
                    + e.value().map(v -> " (it is " + v + ")").orElse(""));
        }
        return node;
    }

    /** A JSON input file (a record, an event, a history): unreadable or not JSON, the error names the file. */
    static com.fasterxml.jackson.databind.JsonNode json(Path file) {
        try {
            return Json.readTree(read(file));
        } catch (IllegalArgumentException e) {
            throw new SnapshotException(file + ": " + e.getMessage(), e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new SnapshotException(file + ": cannot be read (" + Failures.reason(e) + ")", e);
        }
    }

    private static OptionSpec repeated(String name, String label, String description) {
        return OptionSpec.builder(name).paramLabel(label).type(List.class).auxiliaryTypes(String.class).arity("1").description(description).build();
    }

    private static OptionSpec flag(String name, String description) {
        return OptionSpec.builder(name).arity("0").type(boolean.class).description(description).build();
    }
}
