package dev.assumeroledoctor.iac;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A sample's snapshot files copied to a temporary directory, one account's file edited (tags, a trust policy). */
final class TemplateFixture {
    private TemplateFixture() {
    }

    static Path sample(String name, Path dir, String account, Consumer<ObjectNode> edit) throws IOException {
        Path from = Path.of("events", name);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path iam = dir.resolve("iam-" + account + ".json");
        ObjectNode details = (ObjectNode) Json.readTree(Files.readString(iam));
        edit.accept(details);
        Files.writeString(iam, Json.pretty(details));
        return dir;
    }

    static ObjectNode role(ObjectNode details, String name) {
        for (var role : details.withArray("RoleDetailList")) {
            if (role.path("RoleName").asText().equals(name)) {
                return (ObjectNode) role;
            }
        }
        throw new IllegalArgumentException("no role " + name);
    }
}
