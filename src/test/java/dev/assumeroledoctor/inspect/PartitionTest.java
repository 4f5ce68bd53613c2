package dev.assumeroledoctor.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.event.ParsedEvent;
import dev.assumeroledoctor.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * Every partition: the function's region decides, through the SDK's region metadata, the ARNs it
 * builds and where it calls the partition's global services. IAM signs in us-east-1, cn-north-1 or
 * us-gov-west-1; Organizations answers in us-east-1, cn-northwest-1 or us-gov-west-1 ("AWS
 * Organizations endpoints and quotas"); IAM and Organizations calls are recorded by CloudTrail in
 * the partition's global-events region ("Logging IAM and AWS STS API calls with AWS CloudTrail").
 * The exact requests are checked against a local endpoint that answers as AWS would, and a live
 * diagnosis runs in moto's own aws-us-gov and aws-cn partitions.
 */
class PartitionTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @Test
    void theRegionsPartitionComesFromTheSdksMetadata() {
        assertThat(Partition.of(Region.EU_WEST_1)).isEqualTo(Partition.AWS);
        assertThat(Partition.of(Region.CN_NORTHWEST_1)).isEqualTo(Partition.CHINA);
        assertThat(Partition.of(Region.US_GOV_EAST_1)).isEqualTo(Partition.GOV_CLOUD);
        assertThat(Partition.GOV_CLOUD.iamArn("111111111111", "role/reader")).isEqualTo("arn:aws-us-gov:iam::111111111111:role/reader");
        assertThatThrownBy(() -> Partition.of(Region.of("xx-nowhere-9"))).hasMessageContaining("xx-nowhere-9");
    }

    @Test
    void liveInspectionInGovCloudAssumesGovCloudRolesAndSignsForGovCloudsGlobalRegions() throws Exception {
        List<String> seen = inspect(Region.US_GOV_WEST_1, "aws-us-gov");
        assertThat(seen).anyMatch(s -> s.startsWith("sts us-gov-west-1 AssumeRole RoleArn=arn%3Aaws-us-gov%3Aiam%3A%3A222222222222%3Arole%2Finspector"));
        assertThat(seen).filteredOn(s -> s.startsWith("iam ")).isNotEmpty().allMatch(s -> s.startsWith("iam us-gov-west-1 "));
        assertThat(seen).filteredOn(s -> s.startsWith("organizations ")).isNotEmpty().allMatch(s -> s.startsWith("organizations us-gov-west-1 "));
        assertThat(seen).filteredOn(s -> s.startsWith("cloudtrail ")).isNotEmpty().allMatch(s -> s.startsWith("cloudtrail us-gov-west-1 "));
        assertThat(String.join("\n", seen)).doesNotContain("arn%3Aaws%3A").doesNotContain("us-east-1");
    }

    @Test
    void liveInspectionInChinaUsesChinasPartitionToo() throws Exception {
        List<String> seen = inspect(Region.CN_NORTHWEST_1, "aws-cn");
        assertThat(seen).anyMatch(s -> s.startsWith("sts cn-northwest-1 AssumeRole RoleArn=arn%3Aaws-cn%3Aiam%3A%3A222222222222%3Arole%2Finspector"));
        assertThat(seen).filteredOn(s -> s.startsWith("iam ")).isNotEmpty().allMatch(s -> s.startsWith("iam cn-north-1 "));
        assertThat(seen).filteredOn(s -> s.startsWith("organizations ")).isNotEmpty().allMatch(s -> s.startsWith("organizations cn-northwest-1 "));
        assertThat(seen).filteredOn(s -> s.startsWith("cloudtrail ")).isNotEmpty().allMatch(s -> s.startsWith("cloudtrail cn-north-1 "));
        assertThat(String.join("\n", seen)).doesNotContain("arn%3Aaws%3A").doesNotContain("us-east-1");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"aws-us-gov", "aws-cn"})
    void offlineDiagnosisOfAPartitionsRecordsAndFilesNamesTheSameCauseAndAVerifiedPatch(String partition,
                                                                                        @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (var files = Files.list(Path.of("events/identity-no-allow"))) {
            for (Path f : files.toList()) {
                Files.writeString(dir.resolve(f.getFileName()), Files.readString(f).replace("arn:aws:", "arn:" + partition + ":"));
            }
        }
        var report = dev.assumeroledoctor.service.DiagnosisService.diagnose(((ParsedEvent.Applicable) EventParser.parse(
                Json.readTree(Files.readString(dir.resolve("event.json"))))).event(), dev.assumeroledoctor.snapshot.SnapshotFiles.loadDirectory(dir));
        assertThat(report.diagnosis().causes()).extracting(c -> c.id().name()).containsExactly("IDENTITY_NO_ALLOW");
        assertThat(report.remediation().verified()).isTrue();
        assertThat(report.remediation().patches().get(0).diff()).contains("arn:" + partition + ":iam::").doesNotContain("arn:aws:");
    }

    /* One live inspection of the identity-no-allow sample, its ARNs moved into the partition, and one IAM-changes lookup. */
    private static List<String> inspect(Region region, String partition) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            String scope = auth.replaceAll(".*Credential=[^/]+/\\d{8}/([^/]+)/([^/]+)/.*", "$2 $1");
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String action = body.replaceAll("(?s).*Action=([A-Za-z]+).*", "$1");
            seen.add(scope + " " + (target.equals("null") ? action + " " + body.replaceAll("(?s).*?(RoleArn=[^&]*).*", "$1") : target));
            answer(exchange, target, action, partition);
        });
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            LiveInspector inspector = new LiveInspector(new InspectorConfig(region, MotoServer.CREDENTIALS, Optional.of("inspector"),
                    Optional.empty(), Map.of("*", endpoint), Duration.ofMinutes(1), Duration.ofSeconds(5), 4, List.of()));
            inspector.identify("arn:" + partition + ":lambda:" + region.id() + ":111111111111:function:doctor", "doctor");
            String event = Files.readString(Path.of("events/identity-no-allow/event.json")).replace("arn:aws:", "arn:" + partition + ":")
                    .replace("\"us-east-1\"", "\"" + region.id() + "\"");
            inspector.inspect(((ParsedEvent.Applicable) EventParser.parse(Json.readTree(event))).event());
            inspector.history(List.of(region.id())).iamChanges("222222222222", Instant.now().minus(Duration.ofDays(1)));
            inspector.history(List.of(region.id())).organizationChanges(Instant.now().minus(Duration.ofDays(1)));
            return seen;
        } finally {
            server.stop(0);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String target, String action, String partition) throws IOException {
        int status = 200;
        String type = "text/xml";
        String text;
        if (target.startsWith("AWSOrganizations")) {
            status = 400;
            type = "application/x-amz-json-1.1";
            text = "{\"__type\":\"AWSOrganizationsNotInUseException\",\"message\":\"not in use\"}";
        } else if (target.startsWith("com.amazonaws.cloudtrail")) {
            type = "application/x-amz-json-1.1";
            text = "{\"Events\":[]}";
        } else if (action.equals("AssumeRole")) {
            text = "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIATEST</AccessKeyId><SecretAccessKey>s</SecretAccessKey>"
                    + "<SessionToken>t</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser>"
                    + "<Arn>arn:" + partition + ":sts::222222222222:assumed-role/inspector/s</Arn><AssumedRoleId>AROATEST:s</AssumedRoleId>"
                    + "</AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>";
        } else {
            status = 404;
            text = "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>none</Message></Error></ErrorResponse>";
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /*
     * Live inspection in moto's own aws-us-gov and aws-cn partitions (moto keeps IAM per partition, by the
     * region a request is signed for): the identity-no-allow sample built there through the APIs, its
     * event in the partition's ARNs, diagnosed by an inspector in that partition's region.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"aws-us-gov,us-gov-west-1,us-gov-west-1", "aws-cn,cn-northwest-1,cn-north-1"})
    void liveInspectionInMotosPartitionsNamesTheSameCauseWithThePartitionsArns(String partition, String functionRegion, String iamRegion)
            throws Exception {
        MOTO.reset();
        var sts = software.amazon.awssdk.services.sts.StsClient.builder().endpointOverride(MOTO.endpoint()).region(Region.of(functionRegion))
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
        String role = "arn:" + partition + ":iam::111111111111:role/deploy-role";
        String user = "arn:" + partition + ":iam::222222222222:user/ci-user";
        try (var roleSide = iam(sts, partition, "111111111111", iamRegion); var userSide = iam(sts, partition, "222222222222", iamRegion)) {
            roleSide.createRole(r -> r.roleName("deploy-role").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                    + "\"Allow\",\"Principal\":{\"AWS\":\"" + user + "\"},\"Action\":\"sts:AssumeRole\"}]}"));
            userSide.createUser(r -> r.userName("ci-user"));
            userSide.putUserPolicy(r -> r.userName("ci-user").policyName("S3Only").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
            assertThat(roleSide.getRole(r -> r.roleName("deploy-role")).role().arn()).isEqualTo(role);
        }
        LiveInspector inspector = new LiveInspector(new InspectorConfig(Region.of(functionRegion), MotoServer.CREDENTIALS, Optional.of("inspector"),
                Optional.empty(), Map.of("*", MOTO.endpoint()), Duration.ofMinutes(1), Duration.ofSeconds(10), 4, List.of()));
        inspector.identify("arn:" + partition + ":lambda:" + functionRegion + ":123456789012:function:doctor", "doctor");
        String event = Files.readString(Path.of("events/identity-no-allow/event.json")).replace("arn:aws:", "arn:" + partition + ":")
                .replace("\"us-east-1\"", "\"" + functionRegion + "\"");
        // an hour after moto created the role (moto stamps roles with today's date), as MotoWorld loads every sample
        var report = (dev.assumeroledoctor.report.Report.Diagnosed) new dev.assumeroledoctor.service.DiagnosisService(inspector)
                .diagnose(MotoWorld.withEventTime(Json.readTree(event), Instant.now().plus(Duration.ofHours(1))));
        assertThat(report.diagnosis().causes()).extracting(c -> c.id().name()).containsExactly("IDENTITY_NO_ALLOW");
        assertThat(report.remediation().verified()).isTrue();
        assertThat(report.remediation().patches().get(0).diff()).contains("arn:" + partition + ":iam::").doesNotContain("arn:aws:");
    }

    private static software.amazon.awssdk.services.iam.IamClient iam(software.amazon.awssdk.services.sts.StsClient sts, String partition,
                                                                     String account, String region) {
        var c = sts.assumeRole(r -> r.roleArn("arn:" + partition + ":iam::" + account + ":role/loader").roleSessionName("loader")).credentials();
        return software.amazon.awssdk.services.iam.IamClient.builder().endpointOverride(MOTO.endpoint()).region(Region.of(region))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
    }
}
