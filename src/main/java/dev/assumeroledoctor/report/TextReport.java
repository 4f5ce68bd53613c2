package dev.assumeroledoctor.report;

import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.remediation.CallerAction;
import dev.assumeroledoctor.remediation.Patch;
import dev.assumeroledoctor.remediation.Remediation;

/** What a person reads: the verdict, each cause in a sentence, then the fix. No JSON dump. */
public final class TextReport {
    private TextReport() {
    }

    public static String render(Report report) {
        if (report instanceof Report.NotApplicable na) {
            return "Not applicable: " + na.reason() + "\n";
        }
        Report.Diagnosed d = (Report.Diagnosed) report;
        Diagnosis diagnosis = d.diagnosis();
        Remediation remediation = d.remediation();
        Lines out = new Lines();
        out.append(headline(diagnosis)).append('\n');
        out.append(subject(diagnosis.request())).text("\n\n");
        out.text("Why:\n");
        int n = 1;
        for (Cause cause : diagnosis.causes()) {
            out.append("  ").append(n++).append(". [").append(cause.id()).append("] ").append(cause.explanation());
            cause.policy().ifPresent(p -> out.append(" (").append(p.label()).append(cause.statement().map(s -> ", " + s).orElse("")).append(")"));
            if (cause.inferred()) {
                out.append(" [inferred]");
            }
            out.append('\n');
        }
        diagnosis.aws().ifPresent(aws -> out.text("\nAWS's message: ").append(aws.note()).append('\n'));
        if (!remediation.patches().isEmpty() || !remediation.actions().isEmpty()) {
            out.text("\nFix:\n");
            for (Patch patch : remediation.patches()) {
                out.append("  - ").append(patch.target().policyType().jsonName()).append(" policy ").append(patch.target().arn())
                        .append(patch.policyName().map(p -> " (" + p + ")").orElse("")).append(": ").append(patch.description()).append('\n');
                java.util.Optional<dev.assumeroledoctor.iac.IacPlan> iac = d.iacOf(patch);
                iac.ifPresent(plan -> IacRendering.lines(plan).forEach(l -> out.append("    ").append(l).append('\n')));
                out.append("    ").append(iac.filter(dev.assumeroledoctor.iac.IacPlan::cliCausesDrift).isPresent() ? "CLI (causes drift): " : "")
                        .append(patch.command()).append('\n');
                for (String line : patch.diff().split("\n", -1)) {
                    out.append("    ").append(line).append('\n');
                }
            }
            for (CallerAction action : remediation.actions()) {
                out.append("  - ").append(action.text()).append('\n');
            }
        }
        for (String flag : remediation.flags()) {
            out.text("\n! ").append(flag).append('\n');
        }
        out.text("\nVerified: ").append(remediation.verified() ? "yes" : "no").append("; broadens access: ")
                .append(remediation.broadens() ? "YES, review before applying" : "no").append('\n');
        remediation.notes().forEach(note -> out.append("  ").append(note).append('\n'));
        remediation.bystanders().stream().filter(b -> b.gains()).forEach(b -> out.append("  gains access: ")
                .append(Bounded.text(b.who(), 300)).append(" on ").append(b.role()).append(" (").append(b.relation()).text(")\n"));
        if (!diagnosis.unknowns().isEmpty()) {
            out.text("\nUnknown from the record:\n");
            diagnosis.unknowns().forEach(u -> out.append("  - ").append(u).append('\n'));
        }
        d.history().ifPresent(h -> history(out, h));
        return out.toString();
    }

    private static void history(Lines out, History h) {
        h.lastSuccess().ifPresentOrElse(s -> {
            out.text("\nLast success on this role: ").append(Bounded.text(s.caller(), 300)).append(" at ").append(s.time()).append('\n');
            if (s.differences().isEmpty()) {
                out.text("  no request fact differs: what changed is the policies, not the call\n");
            }
            s.differences().stream().limit(20).forEach(x -> out.append(x.decides() ? "  * " : "  - ").append(x.what()).append(": ")
                    .append(Bounded.text(x.allowed(), 200)).append(" (then) / ").append(Bounded.text(x.denied(), 200)).append(" (now)\n"));
        }, () -> out.text("\nNo success on this role in the last ").append(h.days()).append(" days (").append(String.join(", ", h.regions()))
                .text(").\n"));
        if (!h.changes().isEmpty()) {
            out.text("\nWhat changed (last ").append(h.days()).text(" days, newest first):\n");
            h.changes().stream().limit(15).forEach(c -> out.append(c.likelyTrigger() ? "  ! " : "  - ").append(c.time()).append(' ')
                    .append(c.eventName()).append(" on ").append(Bounded.text(c.what(), 300)).append(" by ").append(Bounded.text(c.actor(), 300))
                    .append(c.likelyTrigger() ? " <- likely trigger" : "").append('\n'));
        }
        h.gaps().forEach(g -> out.text("  (history not read: ").append(Bounded.text(g, 300)).text(")\n"));
    }

    /*
     * The report's own line breaks are the only ones: every text appended is shown with
     * PlainText.visible, so a value holding CR, LF, U+2028 or a bidi override cannot forge a line.
     */
    private static final class Lines {
        private final StringBuilder out = new StringBuilder();

        Lines append(Object value) {
            out.append(PlainText.visible(String.valueOf(value), false));
            return this;
        }

        Lines append(char c) {
            out.append(c);
            return this;
        }

        /* The report's own fixed text, line breaks and all. */
        Lines text(String literal) {
            out.append(literal);
            return this;
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    static String headline(Diagnosis diagnosis) {
        return switch (diagnosis.verdict()) {
            case ALLOWED -> "ALLOWED by today's policies: the failure is not explained by policy alone";
            case IMPLICIT_DENY -> "DENIED (no policy allows it)";
            case EXPLICIT_DENY -> "DENIED (an explicit Deny)";
            case UNDETERMINED -> "UNDETERMINED: today's outcome depends on what this report could not read or the record does not show";
            case NOT_APPLICABLE -> "Not applicable";
        };
    }

    static String subject(RebuiltRequest r) {
        return Bounded.text(r.caller().arn(), 256) + " -> " + Bounded.text(r.roleArn().orElse("(no role named)"), 256) + " ("
                + String.join(" + ", r.actions()) + (r.crossAccount() ? ", cross-account" : "") + (r.roleChaining() ? ", role chaining" : "") + ")";
    }
}
