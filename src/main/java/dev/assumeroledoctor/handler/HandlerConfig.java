package dev.assumeroledoctor.handler;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The function's settings, read once from environment variables (README, "Configuration"). A
 * missing or invalid one fails at init with a message naming it: better no function than one
 * that silently drops diagnoses.
 */
public record HandlerConfig(
        List<String> targets,
        Optional<String> topicArn,
        Optional<URI> jiraBaseUrl,
        Optional<String> jiraProjectKey,
        String jiraIssueType,
        Optional<String> jiraCredentialsParameter,
        Optional<String> suppressionTable,
        Duration suppressionWindow,
        Duration deliveryLease,
        Optional<String> inspectorRoleName,
        Optional<String> organizationRoleArn,
        Optional<String> organizationId,
        Duration cacheTtl,
        String region,
        Optional<Path> offlineSnapshot,
        List<String> historyRegions,
        Duration historyLookback,
        Optional<String> watchQueueUrl,
        Duration watchDeadline,
        Optional<AthenaSource> athena,
        IacSettings iac) {

    /**
     * Where the stacks that define IAM resources are deployed (STACK_REGIONS, default the function's
     * region), and the tags that say who manages a resource no stack defines (MANAGED_BY_TAG_KEYS).
     */
    public record IacSettings(List<String> stackRegions, List<String> tagKeys) {
        public IacSettings {
            stackRegions = List.copyOf(stackRegions);
            tagKeys = List.copyOf(tagKeys);
        }
    }

    /** HISTORY_SOURCE=athena: the organization trail's table (ATHENA_DATABASE, ATHENA_TABLE) and the workgroup its queries run in. */
    public record AthenaSource(String workgroup, String database, String table) {
    }

    static final Set<String> KNOWN_TARGETS = Set.of("sns", "opsitem", "jira", "stdout");

    /** Without the watch queue: every part of a change runs in the invocation that received it. */
    public HandlerConfig(List<String> targets, Optional<String> topicArn, Optional<URI> jiraBaseUrl, Optional<String> jiraProjectKey,
                         String jiraIssueType, Optional<String> jiraCredentialsParameter, Optional<String> suppressionTable,
                         Duration suppressionWindow, Duration deliveryLease, Optional<String> inspectorRoleName,
                         Optional<String> organizationRoleArn, Optional<String> organizationId, Duration cacheTtl, String region,
                         Optional<Path> offlineSnapshot, List<String> historyRegions, Duration historyLookback) {
        this(targets, topicArn, jiraBaseUrl, jiraProjectKey, jiraIssueType, jiraCredentialsParameter, suppressionTable, suppressionWindow,
                deliveryLease, inspectorRoleName, organizationRoleArn, organizationId, cacheTtl, region, offlineSnapshot, historyRegions,
                historyLookback, Optional.empty(), Duration.ofMinutes(10), Optional.empty(),
                new IacSettings(List.of(region), dev.assumeroledoctor.iac.IacPlanner.DEFAULT_TAG_KEYS));
    }

    public HandlerConfig {
        targets = List.copyOf(targets);
        historyRegions = List.copyOf(historyRegions);
    }

    public static HandlerConfig fromEnvironment(Map<String, String> env) {
        List<String> targets = new ArrayList<>();
        for (String target : required(env, "DELIVERY_TARGETS").split(",")) {
            String t = target.strip().toLowerCase(java.util.Locale.ROOT);
            if (!KNOWN_TARGETS.contains(t)) {
                throw new IllegalArgumentException("DELIVERY_TARGETS: unknown target \"" + t + "\"; expected some of " + KNOWN_TARGETS);
            }
            targets.add(t);
        }
        Optional<String> topic = optional(env, "SNS_TOPIC_ARN");
        if (targets.contains("sns")) {
            String arn = topic.orElseThrow(() -> new IllegalArgumentException("SNS_TOPIC_ARN is required when DELIVERY_TARGETS includes sns"));
            if (!arn.matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("SNS_TOPIC_ARN is not an SNS topic ARN: " + arn);
            }
        }
        Optional<URI> jiraUrl = optional(env, "JIRA_BASE_URL").map(URI::create);
        Optional<String> jiraProject = optional(env, "JIRA_PROJECT_KEY");
        Optional<String> jiraCredentials = optional(env, "JIRA_CREDENTIALS_PARAMETER");
        if (targets.contains("jira")) {
            jiraUrl.filter(u -> "https".equals(u.getScheme()) || "http".equals(u.getScheme()))
                    .orElseThrow(() -> new IllegalArgumentException("JIRA_BASE_URL (an http(s) URL) is required when DELIVERY_TARGETS includes jira"));
            jiraProject.orElseThrow(() -> new IllegalArgumentException("JIRA_PROJECT_KEY is required when DELIVERY_TARGETS includes jira"));
            jiraCredentials.orElseThrow(() -> new IllegalArgumentException("JIRA_CREDENTIALS_PARAMETER is required when DELIVERY_TARGETS includes jira"));
        }
        Optional<String> orgRole = optional(env, "ORGANIZATION_ROLE_ARN");
        orgRole.filter(a -> !a.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")).ifPresent(a -> {
            throw new IllegalArgumentException("ORGANIZATION_ROLE_ARN is not an IAM role ARN: " + a);
        });
        Optional<String> organizationId = optional(env, "ORGANIZATION_ID");
        organizationId.filter(o -> !o.matches("o-[a-z0-9]{10,32}")).ifPresent(o -> {
            throw new IllegalArgumentException("ORGANIZATION_ID is not an organization id (o-…): " + o);
        });
        Optional<String> inspector = optional(env, "INSPECTOR_ROLE_NAME");
        inspector.filter(n -> !n.matches("[\\w+=,.@-]{1,64}")).ifPresent(n -> {
            throw new IllegalArgumentException("INSPECTOR_ROLE_NAME is not a role name: " + n);
        });
        String region = optional(env, "AWS_REGION").orElse("us-east-1");
        List<String> historyRegions = regions(env, "HISTORY_REGIONS", region);
        String days = optional(env, "HISTORY_DAYS").orElse("7");
        if (!days.matches("[1-9]\\d?") || Integer.parseInt(days) > 90) {
            throw new IllegalArgumentException("HISTORY_DAYS must be a number of days from 1 to 90 (CloudTrail's event history), not \"" + days + "\"");
        }
        Duration lookback = Duration.ofDays(Integer.parseInt(days));
        return new HandlerConfig(targets, topic, jiraUrl, jiraProject, optional(env, "JIRA_ISSUE_TYPE").orElse("Task"), jiraCredentials,
                optional(env, "SUPPRESSION_TABLE"), seconds(env, "SUPPRESSION_WINDOW_SECONDS", 3600),
                seconds(env, "DELIVERY_LEASE_SECONDS", 90), inspector, orgRole, organizationId,
                seconds(env, "CACHE_TTL_SECONDS", 300), region, optional(env, "OFFLINE_SNAPSHOT_DIR").map(Path::of), historyRegions, lookback,
                optional(env, "WATCH_QUEUE_URL"), seconds(env, "WATCH_DEADLINE_SECONDS", 600), athena(env),
                new IacSettings(regions(env, "STACK_REGIONS", region), optional(env, "MANAGED_BY_TAG_KEYS")
                        .map(keys -> java.util.Arrays.stream(keys.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList())
                        .orElse(dev.assumeroledoctor.iac.IacPlanner.DEFAULT_TAG_KEYS)));
    }

    /* A comma-separated list of region names, each checked. */
    private static List<String> regions(Map<String, String> env, String variable, String region) {
        List<String> regions = new ArrayList<>();
        for (String r : optional(env, variable).orElse(region).split(",")) {
            String name = r.strip();
            if (!name.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
                throw new IllegalArgumentException(variable + ": \"" + name + "\" is not a region name");
            }
            regions.add(name);
        }
        return regions;
    }

    /* cloudtrail (LookupEvents, the default) or athena (the organization trail's table, with its three names) */
    private static Optional<AthenaSource> athena(Map<String, String> env) {
        String source = optional(env, "HISTORY_SOURCE").orElse("cloudtrail");
        if (source.equals("cloudtrail")) {
            return Optional.empty();
        }
        if (!source.equals("athena")) {
            throw new IllegalArgumentException("HISTORY_SOURCE: cloudtrail or athena, not \"" + source + "\"");
        }
        return Optional.of(new AthenaSource(required(env, "ATHENA_WORKGROUP"), required(env, "ATHENA_DATABASE"), required(env, "ATHENA_TABLE")));
    }

    private static String required(Map<String, String> env, String name) {
        return optional(env, name).orElseThrow(() -> new IllegalArgumentException(name + " is required"));
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Duration seconds(Map<String, String> env, String name, long fallback) {
        Optional<String> value = optional(env, name);
        if (value.isEmpty()) {
            return Duration.ofSeconds(fallback);
        }
        try {
            long seconds = Long.parseLong(value.get());
            if (seconds <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive number of seconds, not \"" + value.get() + "\"", e);
        }
    }
}
