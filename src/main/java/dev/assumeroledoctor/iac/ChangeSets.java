package dev.assumeroledoctor.iac;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command that proposes a patched template to its stack: a change set (reviewed, then
 * executed), or a StackSet update for a StackSet's instance. Every parameter keeps its
 * previous value, and the capabilities are the ones the template needs: IAM resources need
 * {@code CAPABILITY_IAM}, named ones {@code CAPABILITY_NAMED_IAM}, a transform
 * {@code CAPABILITY_AUTO_EXPAND}.
 */
final class ChangeSets {
    /* CloudFormation takes a template body up to 51,200 bytes; a larger one goes through S3. */
    static final int BODY_MAX = 51_200;
    private static final Set<String> NAMES = Set.of("RoleName", "UserName", "GroupName", "ManagedPolicyName", "InstanceProfileName");

    private ChangeSets() {
    }

    static String fileName(StackResource stack) {
        return stack.stackName().replaceAll("[^A-Za-z0-9-]", "_") + ".template.json";
    }

    static String command(StackResource stack, JsonNode template, String body, String file) {
        List<String> parts = new ArrayList<>();
        String source = body.getBytes(StandardCharsets.UTF_8).length > BODY_MAX
                ? "--template-url https://BUCKET.s3.amazonaws.com/" + file : "--template-body file://" + file;
        if (stack.stackSet().isPresent()) {
            parts.add("aws cloudformation update-stack-set --stack-set-name " + quote(stack.stackSet().get()));
        } else {
            parts.add("aws cloudformation create-change-set" + stack.region().map(r -> " --region " + r).orElse("")
                    + " --stack-name " + quote(stack.stackName()) + " --change-set-name assume-role-doctor-"
                    + Integer.toHexString(body.hashCode() & 0x7fffffff));
        }
        parts.add(source);
        List<String> parameters = new ArrayList<>();
        template.path("Parameters").fieldNames().forEachRemaining(p -> parameters.add("ParameterKey=" + p + ",UsePreviousValue=true"));
        if (!parameters.isEmpty()) {
            parts.add("--parameters " + String.join(" ", parameters.stream().map(ChangeSets::quote).toList()));
        }
        Set<String> capabilities = capabilities(template);
        if (!capabilities.isEmpty()) {
            parts.add("--capabilities " + String.join(" ", capabilities));
        }
        return String.join(" ", parts);
    }

    static Set<String> capabilities(JsonNode template) {
        Set<String> out = new TreeSet<>();
        template.path("Resources").forEach(resource -> {
            if (resource.path("Type").asText().startsWith("AWS::IAM::")) {
                out.add("CAPABILITY_IAM");
                resource.path("Properties").fieldNames().forEachRemaining(p -> {
                    if (NAMES.contains(p)) {
                        out.add("CAPABILITY_NAMED_IAM");
                    }
                });
            }
        });
        if (out.contains("CAPABILITY_NAMED_IAM")) {
            out.remove("CAPABILITY_IAM");
        }
        if (template.has("Transform")) {
            out.add("CAPABILITY_AUTO_EXPAND");
        }
        return out;
    }

    /* POSIX single quotes: stack and parameter names are the author's text. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
