package dev.assumeroledoctor.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.snapshot.Snapshot;
import dev.assumeroledoctor.snapshot.SnapshotFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The samples of {@code events/}: one directory per cause, with its snapshot files and expectations. */
public record Samples(Path dir) {
    public static final Path ROOT = Path.of("events");

    public static Stream<Samples> all() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(Files::isDirectory).sorted().map(Samples::new).toList().stream();
        }
    }

    public String name() {
        return dir.getFileName().toString();
    }

    public JsonNode event() {
        return read(dir.resolve("event.json"));
    }

    public JsonNode expected() {
        return read(dir.resolve("expected.json"));
    }

    public Snapshot snapshot() {
        return SnapshotFiles.loadDirectory(dir);
    }

    public Report diagnose(JsonNode event) {
        Snapshot snapshot = snapshot();
        return new DiagnosisService(e -> snapshot).diagnose(event);
    }

    /** The form real failed records take: requestParameters null, no resources, the role only in the message. */
    public static JsonNode realistic(JsonNode event) {
        ObjectNode copy = event.deepCopy();
        ObjectNode detail = (ObjectNode) copy.get("detail");
        detail.putNull("requestParameters");
        detail.remove("resources");
        return copy;
    }

    @Override
    public String toString() {
        return name();
    }

    private static JsonNode read(Path file) {
        try {
            return Json.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
