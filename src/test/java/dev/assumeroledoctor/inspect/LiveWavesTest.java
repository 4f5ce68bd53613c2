package dev.assumeroledoctor.inspect;

import dev.assumeroledoctor.snapshot.Inspection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.event.ParsedEvent;
import dev.assumeroledoctor.faults.FaultProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;

/**
 * The rounds of AWS calls a live diagnosis waits for, counted (not timed) behind a proxy that
 * delays every answer by 250 ms: every call whose inputs are known is issued at once, so a
 * same-account and a cross-account diagnosis in a three-level organization need at most three
 * waves. STS AssumeRole calls are not counted: a warm container holds those credentials for an
 * hour. {@code bench/live-waves.sh} prints the table this test measures.
 */
class LiveWavesTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"identity-no-allow", "identity-explicit-deny", "scp-explicit-deny"})
    void aLiveDiagnosisNeedsAtMostThreeWaves(String name) throws Exception {
        MOTO.reset();
        MotoWorld.Loaded loaded = MotoWorld.load(MOTO.endpoint(), new Samples(Path.of("events", name)));
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint(), 1_000)) {
            LiveInspector inspector = new LiveInspector(new InspectorConfig(Region.US_EAST_1, MotoServer.CREDENTIALS,
                    Optional.of("assume-role-doctor-inspector"), Optional.of("arn:aws:iam::" + loaded.world().managementAccount() + ":role/org-reader"),
                    Map.of("*", proxy.uri()), Duration.ofMinutes(5), Duration.ofSeconds(20), 24, List.of()));
            inspector.identify("arn:aws:lambda:us-east-1:123456789012:function:assume-role-doctor", "assume-role-doctor");
            AssumeRoleEvent event = ((ParsedEvent.Applicable) EventParser.parse(loaded.event())).event();
            inspector.inspect(event); // credentials for every account, as a warm container holds them
            inspector.clearCache();
            proxy.clear();
            proxy.latency(250);
            Inspection inspection = inspector.inspect(event);
            int waves = proxy.waves(op -> !op.equals("AssumeRole"));
            long calls = proxy.operations.stream().filter(op -> !op.equals("AssumeRole")).count();
            System.out.printf("live-waves %-24s calls %2d  waves %d%n", name, calls, waves);
            assertThat(inspection.gaps()).isEmpty();
            assertThat(waves).as(proxy.waveOf(op -> !op.equals("AssumeRole")).toString()).isLessThanOrEqualTo(3);
        }
    }

    /*
     * The command line: a fresh inspector, not identified by a Lambda context, whose credentials tell
     * their account (as IAM Identity Center's, a profile's aws_account_id or AWS_ACCOUNT_ID do): no
     * GetCallerIdentity round before the reads, so the same three waves at most.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"identity-no-allow", "identity-explicit-deny", "scp-explicit-deny"})
    void aLiveDiagnosisFromTheCommandLineNeedsAtMostThreeWaves(String name) throws Exception {
        MOTO.reset();
        MotoWorld.Loaded loaded = MotoWorld.load(MOTO.endpoint(), new Samples(Path.of("events", name)));
        var credentials = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.builder().accessKeyId("testing").secretAccessKey("testing")
                        .accountId("123456789012").build());
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint(), 1_000)) {
            proxy.latency(250);
            LiveInspector inspector = new LiveInspector(new InspectorConfig(Region.US_EAST_1, credentials,
                    Optional.of("assume-role-doctor-inspector"), Optional.of("arn:aws:iam::" + loaded.world().managementAccount() + ":role/org-reader"),
                    Map.of("*", proxy.uri()), Duration.ofMinutes(5), Duration.ofSeconds(20), 24, List.of()));
            new dev.assumeroledoctor.service.DiagnosisService(inspector).diagnose(loaded.event());
            int waves = proxy.waves(op -> !op.equals("AssumeRole"));
            System.out.printf("cli-waves %-24s calls %2d  waves %d%n", name, proxy.operations.stream().filter(op -> !op.equals("AssumeRole")).count(),
                    waves);
            assertThat(proxy.operations).doesNotContain("GetCallerIdentity");
            assertThat(waves).as(proxy.waveOf(op -> !op.equals("AssumeRole")).toString()).isLessThanOrEqualTo(3);
        }
    }

    /*
     * Where a stack defines the patched role: the IaC section needs the patch, so it comes after the
     * diagnosis, and adds two waves — DescribeStackResources in every stack region at once, then
     * GetTemplate — however many regions are named.
     */
    @Test
    void theIacSectionAddsTwoWavesWhateverTheNumberOfStackRegions() throws Exception {
        MOTO.reset();
        MotoWorld.Loaded loaded = MotoWorld.load(MOTO.endpoint(), new Samples(Path.of("events", "trust-principal-not-trusted")));
        IacLiveTest.defineRoleInStack(MOTO.endpoint(), loaded.world(), loaded.world().rewrite("111111111111"));
        try (CloudFormationEndpoint cfn = new CloudFormationEndpoint(MOTO.endpoint()); FaultProxy proxy = new FaultProxy(cfn.uri(), 1_000)) {
            proxy.latency(250);
            LiveInspector inspector = new LiveInspector(new InspectorConfig(Region.US_EAST_1, MotoServer.CREDENTIALS,
                    Optional.of("assume-role-doctor-inspector"), Optional.of("arn:aws:iam::" + loaded.world().managementAccount() + ":role/org-reader"),
                    Map.of("*", MOTO.endpoint(), "cloudformation", proxy.uri()), Duration.ofMinutes(5), Duration.ofSeconds(20), 24, List.of()));
            var report = (dev.assumeroledoctor.report.Report.Diagnosed) new dev.assumeroledoctor.service.DiagnosisService(inspector)
                    .withIac(new dev.assumeroledoctor.iac.IacPlanner(inspector.stacks(List.of("us-east-1", "us-west-2", "eu-west-1")),
                            dev.assumeroledoctor.iac.IacPlanner.DEFAULT_TAG_KEYS)).diagnose(loaded.event());
            assertThat(report.iac().get(0).templatePatch()).isTrue();
            System.out.printf("iac-waves calls %d  waves %d%n", proxy.operations.size(), proxy.waves(op -> true));
            assertThat(proxy.operations).containsExactlyInAnyOrder("DescribeStackResources", "DescribeStackResources", "DescribeStackResources",
                    "GetTemplate");
            assertThat(proxy.waves(op -> true)).as(proxy.waveOf(op -> true).toString()).isEqualTo(2);
        }
    }
}
