package dev.assumeroledoctor.notify;

import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.report.Report;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Sends one diagnosis to every configured target, once per suppression window. */
public final class DiagnosisDelivery {
    private final List<DiagnosisSink> sinks;
    private final Optional<Suppressor> suppressor;

    public DiagnosisDelivery(List<DiagnosisSink> sinks, Optional<Suppressor> suppressor) {
        this.sinks = List.copyOf(sinks);
        this.suppressor = suppressor;
    }

    /** What happened: the targets it went to, or that it was a repeat. */
    public record Outcome(boolean suppressed, List<String> targets, String dedupKey) {
    }

    public Outcome deliver(Report.Diagnosed report) {
        String key = dedupKey(report.diagnosis());
        Optional<Long> repeats = suppressor.isPresent() ? suppressor.get().claim(key) : Optional.of(0L);
        if (repeats.isEmpty()) {
            return new Outcome(true, List.of(), key);
        }
        Notification notification = new Notification(report, key, repeats.get());
        try {
            for (DiagnosisSink sink : sinks) {
                sink.deliver(notification);
            }
        } catch (RuntimeException e) {
            suppressor.ifPresent(s -> s.release(key));
            throw e;
        }
        return new Outcome(false, sinks.stream().map(DiagnosisSink::name).toList(), key);
    }

    /** The same caller, role and causes give the same key, whatever else differs. */
    static String dedupKey(Diagnosis d) {
        String identity = d.request().caller().principalArn() + "|" + d.request().roleArn().orElse("") + "|"
                + String.join(",", d.causes().stream().map(c -> c.id().name()).sorted().distinct().toList());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "ard-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
