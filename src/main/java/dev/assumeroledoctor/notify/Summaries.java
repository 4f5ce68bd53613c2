package dev.assumeroledoctor.notify;

import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.evaluation.Arns;
import java.util.List;
import java.util.stream.Collectors;

/** The short facts every target shows: verdict, who, which role, which causes. */
final class Summaries {
    private Summaries() {
    }

    static String verdict(Diagnosis d) {
        return switch (d.verdict()) {
            case ALLOWED -> "not explained by today's policies";
            case IMPLICIT_DENY -> "denied: no policy allows it";
            case EXPLICIT_DENY -> "denied by an explicit Deny";
            case UNDETERMINED -> "denied, for a reason the report cannot settle";
            case NOT_APPLICABLE -> "not applicable";
        };
    }

    static String callerName(Diagnosis d) {
        return d.request().caller().arn();
    }

    static String roleName(Diagnosis d) {
        return d.request().roleArn().orElse("(no role named)");
    }

    static List<String> causeIds(Diagnosis d) {
        return d.causes().stream().map(c -> c.id().name()).distinct().toList();
    }

    /** An SNS Subject: ASCII, one line, under 100 characters. */
    static String subject(Diagnosis d) {
        String role = d.request().roleArn().map(Arns::nameOf).orElse("a role");
        String cause = d.causes().stream().findFirst().map(Cause::id).map(Enum::name).orElse(d.verdict().name());
        return subjectLine("AssumeRole " + role + ": " + cause);
    }

    /** Text as an SNS Subject takes it: printable ASCII only, under 100 characters. */
    static String subjectLine(String text) {
        String ascii = text.chars().filter(c -> c >= 0x20 && c < 0x7f).mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining());
        return ascii.length() <= 99 ? ascii : ascii.substring(0, 98) + "~";
    }
}
