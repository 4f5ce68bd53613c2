package dev.assumeroledoctor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Kleene three-valued logic, which the evaluator uses where the record leaves a value unknown. */
class MatchTest {
    @Test
    void andIsFalseWhenEitherSideIsFalseEvenIfTheOtherIsUnknown() {
        assertThat(Match.UNKNOWN.and(Match.NO)).isEqualTo(Match.NO);
        assertThat(Match.YES.and(Match.UNKNOWN)).isEqualTo(Match.UNKNOWN);
        assertThat(Match.YES.and(Match.YES)).isEqualTo(Match.YES);
    }

    @Test
    void orIsTrueWhenEitherSideIsTrueEvenIfTheOtherIsUnknown() {
        assertThat(Match.UNKNOWN.or(Match.YES)).isEqualTo(Match.YES);
        assertThat(Match.NO.or(Match.UNKNOWN)).isEqualTo(Match.UNKNOWN);
        assertThat(Match.NO.or(Match.NO)).isEqualTo(Match.NO);
    }

    @Test
    void notKeepsUnknown() {
        assertThat(Match.UNKNOWN.not()).isEqualTo(Match.UNKNOWN);
        assertThat(Match.YES.not()).isEqualTo(Match.NO);
    }
}
