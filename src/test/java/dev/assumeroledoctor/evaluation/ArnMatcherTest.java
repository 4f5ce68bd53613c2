package dev.assumeroledoctor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "IAM JSON policy elements: Condition operators" (ARN): each of the six colon-delimited
 * components is checked separately, with * and ? inside a component; case-sensitive.
 */
class ArnMatcherTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "*, arn:aws:iam::111122223333:role/x, true",
            "arn:aws:iam::111122223333:role/x, arn:aws:iam::111122223333:role/x, true",
            "arn:aws:iam::*:role/x, arn:aws:iam::111122223333:role/x, true",
            "arn:aws:iam::111122223333:role/*, arn:aws:iam::111122223333:role/path/x, true",
            "arn:aws:iam::111122223333:role/pipeline-*, arn:aws:iam::111122223333:role/deploy-role, false",
            "arn:aws:iam::11112222333?:role/x, arn:aws:iam::111122223333:role/x, true",
            "arn:aws:iam::111122223333:role/X, arn:aws:iam::111122223333:role/x, false",
            "arn:aws:iam::111122223333:*, arn:aws:iam::111122223333:role/x, true",
            // a * stays inside its component: it cannot swallow the account's colons
            "arn:aws:*:role/x, arn:aws:iam::111122223333:role/x, false",
            "arn:aws:iam::111122223333, arn:aws:iam::111122223333:role/x, false",
            "arn:aws:s3:::bucket/*, arn:aws:s3:::bucket/a:b:c, true",
    })
    void matchesComponentByComponent(String pattern, String arn, boolean expected) {
        assertThat(ArnMatcher.matches(Glob.of(pattern), arn)).isEqualTo(expected);
    }
}
