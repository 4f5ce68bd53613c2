package dev.assumeroledoctor.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The commands and their options, built with picocli's programmatic API: {@code diagnose},
 * {@code snapshot}, {@code check}, {@code compare}, {@code watch}, {@code help [COMMAND]}, and {@code --help}/{@code --version} everywhere.
 */
final class CommandLineSpec {
    static final String NAME = "assume-role-doctor";

    private CommandLineSpec() {
    }

    static CommandLine build() {
        CommandSpec root = CommandSpec.create().name(NAME).version(NAME + " " + version());
        root.usageMessage().description("Explains why an sts:AssumeRole* call was denied and proposes the smallest verified fix.")
                .footer("", "Exit codes: 0 a report or snapshot was produced (whatever the verdict); 2 an input file is unreadable or",
                        "malformed; 252 the command line is wrong; 253 no usable AWS credentials, profile or region; 254 AWS could not",
                        "be reached or failed; 255 an unexpected error (--debug shows it). check also exits 1 when a path is not as expected,",
                        "watch when a change breaks a recent path.");
        help(root);
        root.addSubcommand("diagnose", diagnose());
        root.addSubcommand("snapshot", snapshot());
        root.addSubcommand("check", CheckCommand.spec());
        root.addSubcommand("compare", CompareCommand.spec());
        root.addSubcommand("watch", WatchCommand.spec());
        CommandSpec help = CommandSpec.create().name("help");
        help.usageMessage().description("Shows the help of a command.");
        help.addPositional(CommandLine.Model.PositionalParamSpec.builder().paramLabel("COMMAND").arity("0..1").type(String.class).build());
        root.addSubcommand("help", help);
        return new CommandLine(root).setCaseInsensitiveEnumValuesAllowed(true);
    }

    private static CommandSpec diagnose() {
        CommandSpec spec = CommandSpec.create().name("diagnose");
        spec.usageMessage().description("Diagnoses one failed AssumeRole* CloudTrail record (a bare record or an EventBridge event), "
                + "offline from snapshot files or --live from AWS.");
        help(spec);
        spec.addOption(option("--event", "FILE", Path.class, "The CloudTrail record or EventBridge event (JSON)."));
        spec.addOption(option("--sample", "DIR", Path.class, "A sample directory: DIR/event.json with its iam-*.json and org.json."));
        spec.addOption(OptionSpec.builder("--iam").paramLabel("FILE").type(List.class).auxiliaryTypes(Path.class).arity("1")
                .description("One account's 'aws iam get-account-authorization-details --output json' (repeat per account).").build());
        spec.addOption(option("--org", "FILE", Path.class, "The organization file (docs/snapshot.md): SCPs, RCPs, account paths."));
        spec.addOption(option("--history", "FILE", Path.class, "Offline: recent CloudTrail records (a JSON array or 'aws cloudtrail"
                + " lookup-events' output): adds the last success on the role and what changed."));
        spec.addOption(OptionSpec.builder("--history-region").paramLabel("REGION").type(List.class).auxiliaryTypes(String.class).arity("1")
                .description("Live: search this region's event history for the last success and what changed (repeat).").build());
        output(spec, " (the report of docs/ and README 'The report')");
        liveOptions(spec);
        iacOptions(spec);
        return spec;
    }

    /** Where the code that owns a patched resource is found: CloudFormation live, templates given offline. */
    static void iacOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("--template").paramLabel("STACK=FILE").type(List.class).auxiliaryTypes(String.class).arity("1")
                .description("Offline: the template of stack STACK (JSON or YAML, e.g. 'cdk synth' output); a patched resource it"
                        + " defines gets a template change (repeat per stack).").build());
        spec.addOption(OptionSpec.builder("--stack-region").paramLabel("REGION").type(List.class).auxiliaryTypes(String.class).arity("1")
                .description("Live: a region where stacks that define IAM resources are deployed (repeat; default: --region).").build());
        spec.addOption(OptionSpec.builder("--managed-by-tag").paramLabel("KEY").type(List.class).auxiliaryTypes(String.class).arity("1")
                .description("A tag that says who manages a resource no stack defines (repeat; default: "
                        + String.join(", ", dev.assumeroledoctor.iac.IacPlanner.DEFAULT_TAG_KEYS) + ").").build());
    }

    /** {@code --template STACK=FILE} pairs; a malformed one is a usage error naming it. */
    static java.util.Map<String, Path> templates(ParseResult command, boolean live) {
        List<String> given = command.matchedOptionValue("--template", List.of());
        String name = command.commandSpec().name();
        if (live && !given.isEmpty()) {
            throw new UsageError(name, "--template gives templates offline; live, each stack's template is read from CloudFormation");
        }
        java.util.Map<String, Path> out = new java.util.LinkedHashMap<>();
        for (String pair : given) {
            int eq = pair.indexOf('=');
            if (eq < 1 || eq == pair.length() - 1 || !pair.substring(0, eq).matches("[A-Za-z][-A-Za-z0-9]{0,127}")) {
                throw new UsageError(name, "--template takes STACK=FILE with a stack name (letters, digits, hyphens), not " + pair);
            }
            out.put(pair.substring(0, eq), Path.of(pair.substring(eq + 1)));
        }
        return out;
    }

    private static CommandSpec snapshot() {
        CommandSpec spec = CommandSpec.create().name("snapshot");
        spec.usageMessage().description("Reads from AWS what one event's diagnosis needs and writes it as the offline files.");
        help(spec);
        spec.addOption(option("--event", "FILE", Path.class, "The CloudTrail record or EventBridge event (JSON)."));
        spec.addOption(option("--out", "DIR", Path.class, "Where iam-<account>.json and org.json are written."));
        liveOptions(spec);
        return spec;
    }

    static void liveOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("--live").arity("0").type(boolean.class).description("Read AWS instead of files.").build());
        spec.addOption(option("--inspector-role", "NAME", String.class, "Read-only role assumed in every other account."));
        spec.addOption(option("--org-role", "ARN", String.class, "Role for Organizations reads (management or delegated admin)."));
        spec.addOption(option("--profile", "NAME", String.class, "A named profile of the AWS config and credentials files."));
        spec.addOption(option("--region", "REGION", String.class, "The STS region (default: AWS_REGION, the profile's, else us-east-1)."));
        spec.addOption(option("--endpoint-url", "URL", URI.class, "Send every AWS call to this endpoint (an AWS-compatible service)."));
        spec.addOption(OptionSpec.builder("--debug").arity("0").type(boolean.class).description("Print stack traces of errors.").build());
    }

    /** {@code --output text|json} (and its alias {@code --format}); {@code json} says what the JSON is. */
    static void output(CommandSpec spec, String json) {
        spec.addOption(OptionSpec.builder("--output", "--format").paramLabel("text|json").type(String.class).defaultValue("text")
                .description("text (default) or json" + json + ".").build());
    }

    /** Whether {@code --output} asks for JSON; anything but text or json is a command-line mistake. */
    static boolean json(ParseResult command) {
        String output = command.matchedOptionValue("--output", "text");
        if (!output.equals("text") && !output.equals("json")) {
            throw new UsageError(command.commandSpec().name(), "--output takes text or json, not " + output);
        }
        return output.equals("json");
    }

    static void help(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.").build());
        spec.addOption(OptionSpec.builder("--version").versionHelp(true).description("Print the version and exit.").build());
    }

    static OptionSpec option(String name, String label, Class<?> type, String description) {
        return OptionSpec.builder(name).paramLabel(label).type(type).description(description).build();
    }

    /** The command's options; a command-line mistake is an {@link IllegalArgumentException} naming it. */
    static Options options(ParseResult command) {
        String name = command.commandSpec().name();
        Optional<Path> sample = Optional.ofNullable(command.matchedOptionValue("--sample", null));
        Path event = command.matchedOptionValue("--event", sample.map(s -> s.resolve("event.json")).orElse(null));
        List<Path> iam = command.matchedOptionValue("--iam", List.of());
        Optional<Path> org = Optional.ofNullable(command.matchedOptionValue("--org", null));
        boolean live = command.matchedOptionValue("--live", false);
        Optional<Path> out = Optional.ofNullable(command.matchedOptionValue("--out", null));
        boolean json = json(command);
        if (event == null) {
            throw new UsageError(name, "--event is required (or --sample DIR)");
        }
        if (name.equals("snapshot") && (!live || out.isEmpty())) {
            throw new UsageError(name, "snapshot needs --live and --out DIR");
        }
        if (live && (!iam.isEmpty() || org.isPresent() || sample.isPresent())) {
            throw new UsageError(name, "--live reads AWS: it takes no --iam, --org or --sample");
        }
        if (live && command.hasMatchedOption("--history")) {
            throw new UsageError(name, "--history reads a file offline; live, --history-region REGION searches CloudTrail");
        }
        if (!live && command.hasMatchedOption("--history-region")) {
            throw new UsageError(name, "--history-region searches CloudTrail: it needs --live (offline, --history FILE)");
        }
        if (name.equals("diagnose") && !live && sample.isEmpty() && iam.isEmpty()) {
            throw new UsageError(name, "diagnose needs the IAM of the accounts involved: --iam FILE per account (what"
                    + " 'aws iam get-account-authorization-details --output json' prints), with --org FILE for SCPs and RCPs;"
                    + " or --sample DIR; or --live to read AWS");
        }
        return options(command, event, sample, iam, org, json, live, out);
    }

    /** The options with the AWS settings of {@link #liveOptions} read from the command line. */
    static Options options(ParseResult command, Path event, Optional<Path> sample, List<Path> iam, Optional<Path> org, boolean json,
                           boolean live, Optional<Path> out) {
        return new Options(command.commandSpec().name(), event, sample, iam, org, json, live,
                Optional.ofNullable(command.matchedOptionValue("--inspector-role", null)),
                Optional.ofNullable(command.matchedOptionValue("--org-role", null)),
                Optional.ofNullable(command.matchedOptionValue("--region", null)),
                Optional.ofNullable(command.matchedOptionValue("--profile", null)),
                Optional.ofNullable(command.matchedOptionValue("--endpoint-url", null)), out,
                command.matchedOptionValue("--debug", false), Optional.ofNullable(command.matchedOptionValue("--history", null)),
                command.matchedOptionValue("--history-region", List.of()), templates(command, live),
                command.matchedOptionValue("--stack-region", List.of()),
                command.matchedOptionValue("--managed-by-tag", dev.assumeroledoctor.iac.IacPlanner.DEFAULT_TAG_KEYS));
    }

    /** The offline inputs of check and compare: account files with an organization file, or a snapshot directory. */
    static void snapshotSources(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("--iam").paramLabel("FILE").type(List.class).auxiliaryTypes(String.class).arity("1")
                .description("One account's get-account-authorization-details output (repeat per account).").build());
        spec.addOption(option("--org", "FILE", Path.class, "The organization file: SCPs, RCPs, account paths."));
        spec.addOption(option("--snapshot", "DIR", Path.class, "A directory of iam-*.json and org.json (as snapshot --out writes)."));
    }

    static String version() {
        return Optional.ofNullable(CommandLineSpec.class.getPackage().getImplementationVersion()).orElse("(development build)");
    }
}
