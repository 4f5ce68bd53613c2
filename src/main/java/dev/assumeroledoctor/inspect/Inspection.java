package dev.assumeroledoctor.inspect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.snapshot.AccountSnapshot;
import dev.assumeroledoctor.snapshot.AuthorizationDetailsReader;
import dev.assumeroledoctor.snapshot.DataGap;
import dev.assumeroledoctor.snapshot.OrganizationFileReader;
import dev.assumeroledoctor.snapshot.Snapshot;
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
 * readers turn it into the snapshot, so live and offline diagnoses cannot drift apart.
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
