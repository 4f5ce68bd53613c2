package dev.assumeroledoctor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.evaluation.ContextKeys;
import dev.assumeroledoctor.evaluation.PolicyEvaluator;
import dev.assumeroledoctor.evaluation.RequestContext;
import dev.assumeroledoctor.evaluation.RequestPrincipal;
import dev.assumeroledoctor.policy.PolicyDocument;
import dev.assumeroledoctor.policy.PolicyParser;
import dev.assumeroledoctor.report.JsonReport;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The offline core's throughput: one policy evaluation, and a whole diagnosis (parse, rebuild,
 * evaluate, find causes, plan and verify patches with the broadening samples, render JSON).
 * Run with {@code bench/jmh.sh}; figures in README.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DiagnosisBenchmark {
    private PolicyDocument trust;
    private RequestContext request;
    private DiagnosisService crossAccount;
    private JsonNode crossAccountEvent;
    private DiagnosisService scpDeny;
    private JsonNode scpDenyEvent;

    @Setup
    public void setUp() {
        trust = PolicyParser.parse("""
                {"Version":"2012-10-17","Statement":[{"Sid":"Pipelines","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
                "Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::222222222222:role/pipeline-*"},
                "StringEquals":{"aws:PrincipalOrgID":"o-abc123def4"},"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}""");
        request = new RequestContext(RequestPrincipal.roleSession("arn:aws:iam::222222222222:role/pipeline-build", "run-1"), "sts:AssumeRole",
                "arn:aws:iam::111111111111:role/deploy-role", ContextKeys.builder().put("aws:PrincipalArn", "arn:aws:iam::222222222222:role/pipeline-build")
                .put("aws:PrincipalOrgID", "o-abc123def4").put("aws:MultiFactorAuthPresent", "false").build());
        Samples identity = new Samples(Path.of("events/identity-no-allow"));
        Snapshot identitySnapshot = identity.snapshot();
        crossAccount = new DiagnosisService(e -> identitySnapshot);
        crossAccountEvent = Samples.realistic(identity.event());
        Samples scp = new Samples(Path.of("events/scp-explicit-deny"));
        Snapshot scpSnapshot = scp.snapshot();
        scpDeny = new DiagnosisService(e -> scpSnapshot);
        scpDenyEvent = scp.event();
    }

    @Benchmark
    public Object evaluateTrustPolicy() {
        return PolicyEvaluator.evaluate(trust, request);
    }

    @Benchmark
    public Object diagnoseCrossAccountIdentityGap() {
        return JsonReport.render((Report) crossAccount.diagnose(crossAccountEvent));
    }

    @Benchmark
    public Object diagnoseScpExplicitDeny() {
        return JsonReport.render((Report) scpDeny.diagnose(scpDenyEvent));
    }
}
