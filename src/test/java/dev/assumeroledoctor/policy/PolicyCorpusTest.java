package dev.assumeroledoctor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world policy shapes — AWS managed policies, trust policies, SCPs, RCPs, boundaries and
 * documentation examples, written by hand as fixtures — all parse.
 */
class PolicyCorpusTest {
    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(PolicyCorpusTest.class.getResource("/policy-corpus").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList().stream();
        }
    }

    @Test
    void theCorpusHasAtLeastTwentyShapes() throws Exception {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void parses(Path file) throws IOException {
        PolicyDocument policy = PolicyParser.parse(Files.readString(file));
        assertThat(policy.statements()).isNotEmpty();
        for (Statement statement : policy.statements()) {
            assertThat(statement.actions().values()).isNotEmpty();
        }
    }

    @Test
    void keepsWhatTheSdkPolicyBuilderWouldDrop() throws Exception {
        PolicyDocument mfa = PolicyParser.parse(Files.readString(file("08-trust-require-mfa.json")));
        List<Condition> conditions = mfa.statements().get(0).conditions();
        assertThat(conditions).extracting(Condition::values).containsExactly(List.of("true"), List.of("3600"));
    }

    @Test
    void decodesTheUrlEncodedFormIamReturns() throws Exception {
        PolicyDocument trust = PolicyParser.parse(Files.readString(file("22-trust-url-encoded.txt")));
        assertThat(trust.statements().get(0).principal().orElseThrow().valuesOf(PrincipalKind.AWS))
                .containsExactly("arn:aws:iam::444455556666:role/ci/deploy-role");
    }

    private static Path file(String name) throws URISyntaxException {
        return Path.of(PolicyCorpusTest.class.getResource("/policy-corpus/" + name).toURI());
    }
}
