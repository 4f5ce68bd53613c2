package dev.assumeroledoctor.evaluation;

/**
 * Three-valued (Kleene) truth. A failed CloudTrail record leaves parts of the request unknown
 * (ExternalId, session tags…); a statement that reads them neither matches nor fails to match.
 */
public enum Match {
    YES, NO, UNKNOWN;

    public static Match of(boolean value) {
        return value ? YES : NO;
    }

    public Match and(Match other) {
        if (this == NO || other == NO) {
            return NO;
        }
        return this == YES && other == YES ? YES : UNKNOWN;
    }

    public Match or(Match other) {
        if (this == YES || other == YES) {
            return YES;
        }
        return this == NO && other == NO ? NO : UNKNOWN;
    }

    public Match not() {
        return switch (this) {
            case YES -> NO;
            case NO -> YES;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
