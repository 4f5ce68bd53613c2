package dev.assumeroledoctor.check;

import dev.assumeroledoctor.report.Report;

/**
 * What one path's evaluation found.
 *
 * @param report the diagnosis and verified remediation of the path, as a failed call would get
 */
public record PathResult(PathSpec path, Outcome outcome, String why, Report.Diagnosed report) {
    public enum Outcome { ALLOW, DENY, UNDETERMINED }

    /** An undetermined path never matches: a gate must not pass on what it could not evaluate. */
    public boolean matches() {
        return switch (outcome) {
            case ALLOW -> path.expect() == PathSpec.Expectation.ALLOW;
            case DENY -> path.expect() == PathSpec.Expectation.DENY;
            case UNDETERMINED -> false;
        };
    }
}
