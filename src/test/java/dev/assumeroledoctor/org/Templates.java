package dev.assumeroledoctor.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The CloudFormation templates as trees: tests take rules, patterns and policies from them, never retype them. */
final class Templates {
    static final Path CENTRAL = Path.of("template.yaml");
    static final Path MEMBER = Path.of("org/member.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Templates() {
    }

    static JsonNode read(Path template) {
        try {
            return YAML.readTree(template.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode resource(Path template, String logicalId) {
        JsonNode resource = read(template).path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new IllegalArgumentException(template + " has no resource " + logicalId);
        }
        return resource.path("Properties");
    }
}
