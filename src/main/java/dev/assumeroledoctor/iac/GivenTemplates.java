package dev.assumeroledoctor.iac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Templates given offline ({@code --template STACK=FILE}, e.g. {@code cdk synth} output) instead
 * of read from CloudFormation. Without the stack's resource list, a resource is found by the name
 * the template gives it ({@code RoleName}, {@code ManagedPolicyName}, an organization policy's
 * {@code Name}; literal, or a {@code Fn::Sub} of the stack's name), or else by the name
 * CloudFormation generates for an unnamed one: {@code <stack>-<logical id>-<suffix>}, each part
 * possibly shortened.
 */
public final class GivenTemplates implements StackSource {
    private static final Pattern GENERATED = Pattern.compile("(.+)-([A-Za-z0-9]+)-([A-Z0-9]{8,})");
    private static final Map<String, String> NAME_PROPERTY = Map.of("AWS::IAM::Role", "RoleName", "AWS::IAM::User", "UserName",
            "AWS::IAM::Group", "GroupName", "AWS::IAM::ManagedPolicy", "ManagedPolicyName", "AWS::Organizations::Policy", "Name");
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final Map<String, ObjectNode> templates = new LinkedHashMap<>();

    /** @throws TemplateException naming the file that cannot be read or is not a template */
    public GivenTemplates(Map<String, Path> files) {
        files.forEach((stack, file) -> {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new TemplateException(file + ": cannot be read (" + e.getMessage() + ")");
            } catch (UncheckedIOException e) {
                throw new TemplateException(file + ": not UTF-8 text");
            }
            templates.put(stack, CfnTemplates.parse(text, file.toString()));
            texts.put(stack, text);
        });
    }

    @Override
    public Optional<StackResource> owner(String accountId, String physicalId, String resourceType, String name) {
        for (Map.Entry<String, ObjectNode> entry : templates.entrySet()) {
            String stack = entry.getKey();
            for (Map.Entry<String, JsonNode> resource : (Iterable<Map.Entry<String, JsonNode>>) () -> entry.getValue().path("Resources").fields()) {
                if (resource.getValue().path("Type").asText().equals(resourceType)
                        && names(stack, resource.getKey(), resource.getValue().path("Properties").path(NAME_PROPERTY.get(resourceType)), name)) {
                    return Optional.of(new StackResource(stack, Optional.empty(), Optional.empty(), resource.getKey(), resourceType));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean names(String stack, String logicalId, JsonNode property, String name) {
        if (property.isTextual()) {
            return property.textValue().equals(name);
        }
        if (property.path("Fn::Sub").isTextual()) {
            return property.path("Fn::Sub").textValue().replace("${AWS::StackName}", stack).equals(name);
        }
        if (!property.isMissingNode()) {
            return false;
        }
        Matcher m = GENERATED.matcher(name);
        return m.matches() && stack.startsWith(m.group(1)) && logicalId.startsWith(m.group(2));
    }

    @Override
    public String template(String accountId, StackResource owner) {
        return texts.get(owner.stackName());
    }

    @Override
    public String scope() {
        return "among the templates given";
    }
}
