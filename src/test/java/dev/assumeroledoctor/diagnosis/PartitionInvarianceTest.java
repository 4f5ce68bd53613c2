package dev.assumeroledoctor.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.JsonReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample moved to aws-cn and aws-us-gov ("Identify AWS resources with Amazon Resource Names":
 * the partition is the ARN's second field) is diagnosed and patched exactly as in aws: the same
 * causes, the same verdict, and the same bystanders found, so a patch proven safe in aws is not
 * called safe in another partition only because the sample principals it tried were in the wrong one
 * (a trust policy naming arn:aws-cn:iam::…:root never matches an arn:aws: caller).
 */
class PartitionInvarianceTest {
    static Stream<Samples> samples() throws IOException {
        return Samples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aSampleInAnotherPartitionGetsTheSameReport(Samples sample, @TempDir Path tmp) throws IOException {
        String aws = Json.compact(JsonReport.render(sample.diagnose(sample.event())));
        for (String partition : new String[] {"aws-cn", "aws-us-gov"}) {
            Path moved = Files.createDirectories(tmp.resolve(partition));
            try (Stream<Path> files = Files.list(sample.dir())) {
                for (Path f : files.toList()) {
                    Files.writeString(moved.resolve(f.getFileName()), Files.readString(f).replace("arn:aws:", "arn:" + partition + ":"));
                }
            }
            Samples there = new Samples(moved);
            JsonNode report = JsonReport.render(there.diagnose(there.event()));
            assertThat(Json.compact(report)).as(partition).doesNotContain("arn:aws:");
            assertThat(Json.compact(report).replace("arn:" + partition + ":", "arn:aws:")).as(partition).isEqualTo(aws);
        }
    }

    @org.junit.jupiter.api.Test
    void aCallerNamedOnlyByItsAccountIsTheRootOfThatAccountInTheRolesPartition(@TempDir Path tmp) throws IOException {
        // userIdentity type AWSAccount carries no ARN ("CloudTrail userIdentity element"); AssumeRole never crosses partitions
        Samples sample = new Samples(Path.of("events/identity-no-allow"));
        try (Stream<Path> files = Files.list(sample.dir())) {
            for (Path f : files.toList()) {
                Files.writeString(tmp.resolve(f.getFileName()), Files.readString(f).replace("arn:aws:", "arn:aws-cn:"));
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode) new Samples(tmp).event();
        com.fasterxml.jackson.databind.node.ObjectNode detail = (com.fasterxml.jackson.databind.node.ObjectNode) event.get("detail");
        detail.set("userIdentity", Json.readTree("{\"type\":\"AWSAccount\",\"principalId\":\"AIDACI\",\"accountId\":\"222222222222\"}"));
        detail.remove("errorMessage");
        JsonNode report = JsonReport.render(new Samples(tmp).diagnose(event));
        assertThat(report.at("/request/principalArn").asText()).isEqualTo("arn:aws-cn:iam::222222222222:root");
        assertThat(Json.compact(report)).doesNotContain("arn:aws:");
    }
}
