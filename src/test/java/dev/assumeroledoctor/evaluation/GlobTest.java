package dev.assumeroledoctor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "IAM JSON policy elements: Condition operators" (StringLike): * matches any run, ? one character. */
class GlobTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "pipeline-*, pipeline-prod, true",
            "pipeline-*, pipeline-, true",
            "pipeline-*, deploy-role, false",
            "role-?, role-1, true",
            "role-?, role-12, false",
            "role-?, role-, false",
            "*-prod-*, a-prod-b, true",
            "a*b*c, abxxbc, true",
            "a*b*c, acb, false",
            "*, '', true",
            "'', '', true",
            "'', x, false",
            "Case, case, false",
    })
    void wildcardsAreCaseSensitiveByDefault(String pattern, String value, boolean expected) {
        assertThat(Glob.of(pattern).matches(value, false)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1} ignoring case")
    @CsvSource({"sts:assume*, STS:AssumeRole", "STS:ASSUMEROLE, sts:AssumeRole", "sts:AssumeRole?ithSAML, sts:AssumeRoleWithSAML"})
    void ignoreCaseMatchesAcrossCase(String pattern, String value) {
        assertThat(Glob.of(pattern).matches(value, true)).isTrue();
    }
}
