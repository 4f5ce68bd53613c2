package dev.assumeroledoctor.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.inspect.InspectionFault;
import dev.assumeroledoctor.inspect.InspectorConfig;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.inspect.MotoServer;
import dev.assumeroledoctor.inspect.MotoWorld;
import dev.assumeroledoctor.report.JsonReport;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.service.DiagnosisService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.regions.Region;

/**
 * IAM faults during inspection never become a confident report: throttling past the SDK's retries,
 * server errors and hangs fail the diagnosis (the invocation is retried), and the retry names the
 * real cause with its patch; only a refusal is a data gap, naming the action and the resource.
 */
class InspectionFaultsTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private FaultProxy proxy;

    @AfterEach
    void close() {
        if (proxy != null) {
            proxy.close();
        }
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("identity-no-allow", "GetRole", FaultProxy.Fault.THROTTLE),
                Arguments.of("identity-no-allow", "GetUser", FaultProxy.Fault.SERVER_ERROR),
                Arguments.of("identity-no-allow", "ListRolePolicies", FaultProxy.Fault.HANG),
                Arguments.of("trust-explicit-deny", "GetRole", FaultProxy.Fault.SERVER_ERROR),
                Arguments.of("scp-explicit-deny", "ListPoliciesForTarget", FaultProxy.Fault.THROTTLE));
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("faults")
    void aFaultFailsTheDiagnosisAndTheRetryNamesTheRealCause(String name, String operation, FaultProxy.Fault fault) throws Exception {
        Samples sample = new Samples(Path.of("events", name));
        MOTO.reset();
        MotoWorld.Loaded loaded = MotoWorld.load(MOTO.endpoint(), sample);
        proxy = new FaultProxy(MOTO.endpoint(), 3_000);
        DiagnosisService service = service(loaded.world());
        proxy.inject(operation, fault, -1);
        assertThatThrownBy(() -> service.diagnose(loaded.event())).isInstanceOf(InspectionFault.class)
                .hasMessageContaining(operation);
        assertThat(proxy.count(operation)).isGreaterThan(0);
        proxy.clear();
        JsonNode report = JsonReport.render(service(loaded.world()).diagnose(loaded.event()));
        List<String> expected = sample.expected().path("causes").findValuesAsText("id");
        assertThat(report.path("causes").findValuesAsText("id")).containsAll(expected).doesNotContain("INSUFFICIENT_DATA");
        assertThat(report.path("verdict").asText()).isEqualTo(sample.expected().path("verdict").asText());
    }

    /*
     * A gap hedges only the decision it touches: the target role's own policies decide what its
     * sessions may do, never who may assume it ("Policy evaluation logic": the role's trust policy
     * and the caller's policies decide AssumeRole). A refused ListRolePolicies on the role is said, and
     * the causes decided without it stay certain.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"identity-no-allow,IDENTITY_NO_ALLOW,IMPLICIT_DENY",
            "identity-explicit-deny,IDENTITY_EXPLICIT_DENY,EXPLICIT_DENY", "trust-explicit-deny,TRUST_EXPLICIT_DENY,EXPLICIT_DENY"})
    void aRefusedReadOfTheTargetRolesOwnPoliciesLeavesEveryCertainCauseCertain(String name, String cause, String verdict) throws Exception {
        Samples sample = new Samples(Path.of("events", name));
        MOTO.reset();
        MotoWorld.Loaded loaded = MotoWorld.load(MOTO.endpoint(), sample);
        proxy = new FaultProxy(MOTO.endpoint(), 1_000);
        proxy.inject("ListRolePolicies", FaultProxy.Fault.ACCESS_DENIED, -1);
        proxy.inject("ListAttachedRolePolicies", FaultProxy.Fault.ACCESS_DENIED, -1);
        JsonNode report = JsonReport.render(service(loaded.world()).diagnose(loaded.event()));
        assertThat(report.path("causes").findValuesAsText("id")).containsExactly(cause);
        assertThat(report.path("causes").findValues("inferred")).allMatch(v -> !v.asBoolean());
        assertThat(report.path("verdict").asText()).isEqualTo(verdict);
        assertThat(report.path("unknowns").toString()).contains("AccessDenied: the inspector needs iam:ListRolePolicies on arn:aws:iam::")
                .contains("a role's own policies decide what its sessions may do");
    }

    @Test
    void whenTheRoleIsTheCallersItsUnreadPoliciesAreAGapOfTheCallerOnly() throws Exception {
        // condition-external-id: a session of ci-runner assumes deploy-role; ListRolePolicies is refused for both roles
        Samples sample = new Samples(Path.of("events/condition-external-id"));
        MOTO.reset();
        MotoWorld.Loaded loaded = MotoWorld.load(MOTO.endpoint(), sample);
        proxy = new FaultProxy(MOTO.endpoint(), 1_000);
        proxy.inject("ListRolePolicies", FaultProxy.Fault.ACCESS_DENIED, -1);
        JsonNode report = JsonReport.render(service(loaded.world()).diagnose(loaded.event()));
        // the trust policy's ExternalId condition decides without the caller's policies: certain; the caller's identity is the gap
        assertThat(report.path("causes").findValuesAsText("id")).contains("CONDITION_EXTERNAL_ID", "INSUFFICIENT_DATA");
        assertThat(report.toString()).contains("the policies of the caller's role arn:aws:iam::")
                .contains("It touches whether the caller's own policies allow the call");
        assertThat(report.path("verdict").asText()).isEqualTo("IMPLICIT_DENY");
    }

    private DiagnosisService service(MotoWorld world) {
        LiveInspector inspector = new LiveInspector(new InspectorConfig(Region.US_EAST_1, MotoServer.CREDENTIALS,
                Optional.of("assume-role-doctor-inspector"), Optional.of("arn:aws:iam::" + world.managementAccount() + ":role/org-reader"),
                Map.of("*", proxy.uri()), Duration.ofMinutes(5), Duration.ofSeconds(2), 4, List.of()));
        return new DiagnosisService(inspector, inspector::selfEvent);
    }
}
