package dev.assumeroledoctor.snapshot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one live inspection read, in the offline file formats of {@code snapshot.md}: the same
 * readers turn it into the snapshot, so live and offline diagnoses cannot drift apart. It is also
 * what a part of a fanned-out change keeps beside a broken path ({@link #toJson}), so the gatherer
 * renders that path's report from the state the part evaluated, without reading IAM again.
 */
public record Inspection(Map<String, ObjectNode> iamFiles, Optional<ObjectNode> organizationFile, List<DataGap> gaps, Set<String> unreadable) {
    public Inspection {
        iamFiles = Map.copyOf(iamFiles);
        gaps = List.copyOf(gaps);
        unreadable = Set.copyOf(unreadable);
    }

    public Snapshot snapshot() {
        Map<String, AccountSnapshot> accounts = new HashMap<>();
        iamFiles.forEach((account, file) -> accounts.put(account,
                AuthorizationDetailsReader.read(file, "live IAM of " + account, Optional.of(account))));
        return new Snapshot(accounts, organizationFile.map(o -> OrganizationFileReader.read(o, "live organization")), gaps, unreadable);
    }

    /** The whole inspection as one JSON document: the files, the gaps, the accounts that could not be read. */
    public ObjectNode toJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        ObjectNode iam = node.putObject("iam");
        iamFiles.forEach(iam::set);
        organizationFile.ifPresent(o -> node.set("organization", o));
        var gapList = node.putArray("gaps");
        gaps.forEach(g -> gapList.addObject().put("what", g.what()).put("why", g.why()).put("touches", g.touches().name()));
        unreadable.forEach(node.putArray("unreadable")::add);
        return node;
    }

    /** @throws IllegalArgumentException for a document {@link #toJson} did not write */
    public static Inspection fromJson(com.fasterxml.jackson.databind.JsonNode node) {
        if (!node.path("iam").isObject()) {
            throw new IllegalArgumentException("not a stored inspection: no iam files");
        }
        Map<String, ObjectNode> iam = new HashMap<>();
        node.path("iam").fields().forEachRemaining(e -> iam.put(e.getKey(), (ObjectNode) e.getValue()));
        List<DataGap> gaps = new java.util.ArrayList<>();
        node.path("gaps").forEach(g -> gaps.add(new DataGap(g.path("what").asText(), g.path("why").asText(),
                DataGap.Decision.valueOf(g.path("touches").asText()))));
        return new Inspection(iam, node.path("organization").isObject() ? Optional.of((ObjectNode) node.get("organization")) : Optional.empty(),
                gaps, Set.copyOf(Json.strings(node.path("unreadable"))));
    }

    /** Writes {@code iam-<account>.json} per account and {@code org.json}: reproducible offline with {@code diagnose}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, ObjectNode> file : iamFiles.entrySet()) {
            Files.writeString(dir.resolve("iam-" + file.getKey() + ".json"), Json.pretty(file.getValue()) + "\n");
        }
        if (organizationFile.isPresent()) {
            Files.writeString(dir.resolve("org.json"), Json.pretty(organizationFile.get()) + "\n");
        }
    }
}
