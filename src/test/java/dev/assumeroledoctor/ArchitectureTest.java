package dev.assumeroledoctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Arrows point inward (README "Architecture"): the core never imports an adapter, and a lower
 * floor never imports a higher one. Read from the sources, so a new import cannot slip by.
 */
class ArchitectureTest {
    private static final Set<String> BASE = Set.of("json", "policy", "evaluation");
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("json", Set.of()),
            Map.entry("policy", Set.of("json")),
            Map.entry("evaluation", Set.of("json", "policy")),
            Map.entry("event", BASE),
            Map.entry("snapshot", BASE),
            Map.entry("diagnosis", union(BASE, "event", "snapshot")),
            Map.entry("remediation", union(BASE, "event", "snapshot", "diagnosis")),
            Map.entry("iac", union(BASE, "event", "snapshot", "diagnosis", "remediation")),
            Map.entry("report", union(BASE, "event", "snapshot", "diagnosis", "remediation", "iac")),
            Map.entry("service", union(BASE, "iac", "event", "snapshot", "diagnosis", "remediation", "report")),
            Map.entry("check", union(BASE, "iac", "event", "snapshot", "diagnosis", "remediation", "report", "service")),
            // the history port and what it reads, beside the core; the change watch one floor above the check
            Map.entry("history", union(BASE, "iac", "event", "snapshot", "diagnosis", "remediation", "report")),
            Map.entry("watch", union(BASE, "iac", "event", "snapshot", "diagnosis", "remediation", "report", "service", "check", "history")),
            Map.entry("inspect", union(BASE, "iac", "event", "snapshot", "diagnosis", "history")),
            Map.entry("notify", union(BASE, "iac", "event", "snapshot", "diagnosis", "remediation", "report", "history")),
            // the watch queue and the parts' store (SQS, DynamoDB) of a change fanned out
            Map.entry("fanout", union(BASE, "iac", "event", "snapshot", "diagnosis", "remediation", "report", "history", "service", "check", "watch")),
            // what one event goes through, whichever handler received it
            Map.entry("pipeline", union(BASE, "iac", "event", "snapshot", "diagnosis", "remediation", "report", "service", "inspect", "notify",
                    "history", "watch", "fanout")),
            Map.entry("handler", union(BASE, "iac", "event", "snapshot", "diagnosis", "remediation", "report", "service", "inspect", "notify",
                    "history", "watch", "pipeline", "fanout")),
            Map.entry("cli", union(BASE, "iac", "event", "snapshot", "diagnosis", "remediation", "report", "service", "check", "inspect",
                    "history", "watch")));
    private static final Pattern REFERENCE = Pattern.compile("dev\\.assumeroledoctor\\.([a-z]+)\\.");

    @Test
    void everyPackageImportsOnlyTheFloorsBelowIt() throws IOException {
        Path root = Path.of("src/main/java/dev/assumeroledoctor");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(file).getName(0).toString();
                assertThat(ALLOWED).as("package %s has a place in the layering", pkg).containsKey(pkg);
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String target = m.group(1);
                    if (!target.equals(pkg) && !ALLOWED.get(pkg).contains(target)) {
                        violations.add(root.relativize(file) + " -> " + target);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static Set<String> union(Set<String> base, String... more) {
        return Stream.concat(base.stream(), Stream.of(more)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
