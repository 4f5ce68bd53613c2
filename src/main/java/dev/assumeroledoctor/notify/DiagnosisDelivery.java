package dev.assumeroledoctor.notify;

import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.report.Report;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import dev.assumeroledoctor.history.ChangeImpact;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Sends one diagnosis (or change warning) to every configured target, at least once and once per suppression window:
 * each target that has it is recorded, so a retry sends only what did not arrive; any failure
 * fails the attempt (after giving the lease back), so EventBridge and Lambda retry and the
 * dead-letter queue keeps the event.
 */
public final class DiagnosisDelivery {
    private static final Logger LOG = LogManager.getLogger(DiagnosisDelivery.class);
    private final List<DiagnosisSink> sinks;
    private final Optional<DeliveryLedger> ledger;

    public DiagnosisDelivery(List<DiagnosisSink> sinks, Optional<DeliveryLedger> ledger) {
        this.sinks = List.copyOf(sinks);
        this.ledger = ledger;
    }

    /** What happened: the targets it went to now, or that it was a repeat. */
    public record Outcome(boolean suppressed, List<String> targets, String dedupKey) {
    }

    /** Whether this CloudTrail event was already handled: a redelivery is skipped before any work. */
    public boolean alreadyHandled(String eventId) {
        return ledger.isPresent() && !eventId.isEmpty() && ledger.get().handled(eventId);
    }

    /**
     * Whether an identical failure (same request signature) was delivered in the current window:
     * then this one is counted as its repeat and remembered, before any IAM read or history lookup.
     */
    public Optional<Outcome> repeatOf(String signature, String eventId) {
        if (ledger.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> key = ledger.get().recentRequest(signature);
        key.ifPresent(k -> {
            ledger.get().countRepeat(k);
            ledger.get().remember(eventId);
        });
        return key.map(k -> new Outcome(true, List.of(), k));
    }

    /**
     * @param eventId   the event's CloudTrail id: a retry of the same event takes over its own attempt's lease once given back
     * @param signature the failed request's signature, remembered once delivered so identical failures are known as repeats at once
     */
    public Outcome deliver(Report.Diagnosed report, String eventId, Optional<String> signature) {
        String key = dedupKey(report.diagnosis());
        return deliver(key, eventId, signature, report.diagnosis().event().eventTime().getEpochSecond(), (sink, claim) ->
                sink.deliver(new Notification(report, key, claim.repeats(), claim.messageId())));
    }

    /**
     * Sends a change warning, once per change: its key is the change event's id, so a redelivered
     * change event (or a retry after a partial delivery) sends only what did not arrive.
     */
    public Outcome deliver(ChangeImpact impact, String eventId) {
        String key = "ard-change-" + hash(impact.change().eventId() + "|" + impact.change().eventName() + "|" + impact.change().account());
        return deliver(key, eventId, Optional.empty(), impact.change().time().getEpochSecond(), (sink, claim) ->
                sink.deliver(new AlertNotification(impact, key, claim.messageId())));
    }

    /** Another attempt is delivering the same event right now: this invocation fails, and its retry finds the delivery done. */
    public static final class DeliveryInProgress extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeliveryInProgress(String key) {
            super("another attempt of the same event holds the delivery of " + key + ": retry after its lease");
        }
    }

    private Outcome deliver(String key, String eventId, Optional<String> signature, long eventTime,
                            BiConsumer<DiagnosisSink, DeliveryLedger.Claim> send) {
        DeliveryLedger.Outcome outcome = ledger.isPresent() ? ledger.get().claim(key, eventId)
                : new DeliveryLedger.Outcome.Granted(new DeliveryLedger.Claim(key, eventId, eventTime, 0L, Set.of()));
        if (outcome instanceof DeliveryLedger.Outcome.Busy) {
            throw new DeliveryInProgress(key);
        }
        if (outcome instanceof DeliveryLedger.Outcome.Repeat) {
            ledger.get().remember(eventId);
            return new Outcome(true, List.of(), key);
        }
        DeliveryLedger.Claim claim = ((DeliveryLedger.Outcome.Granted) outcome).claim();
        List<String> sent = new ArrayList<>();
        try {
            for (DiagnosisSink sink : sinks) {
                if (claim.delivered().contains(sink.name())) {
                    continue;
                }
                send.accept(sink, claim);
                sent.add(sink.name());
                ledger.ifPresent(l -> l.delivered(claim, sink.name()));
            }
            ledger.ifPresent(l -> {
                l.complete(claim);
                l.remember(eventId);
                signature.ifPresent(sig -> l.rememberRequest(sig, claim));
            });
        } catch (RuntimeException e) {
            ledger.ifPresent(l -> release(l, claim, e));
            throw e;
        }
        return new Outcome(false, sent, key);
    }

    private static void release(DeliveryLedger ledger, DeliveryLedger.Claim claim, RuntimeException failure) {
        try {
            ledger.release(claim);
        } catch (RuntimeException e) {
            // the lease then expires by itself; the delivery failure is what the invocation reports
            failure.addSuppressed(e);
            LOG.warn("could not give back the delivery lease of {}: {}", claim.key(), e.getClass().getSimpleName());
        }
    }

    /** The same caller, role and causes give the same key, whatever else differs. */
    static String dedupKey(Diagnosis d) {
        return "ard-" + hash(d.request().caller().principalArn() + "|" + d.request().roleArn().orElse("") + "|"
                + String.join(",", d.causes().stream().map(c -> c.id().name()).sorted().distinct().toList()));
    }

    private static String hash(String identity) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
