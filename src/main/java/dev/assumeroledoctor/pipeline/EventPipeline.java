package dev.assumeroledoctor.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.event.EventParseException;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.event.RequestSignature;
import dev.assumeroledoctor.history.PolicyChanges;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.SafeText;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.watch.DiagnosisHistory;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * What one event goes through, whichever handler received it (EventBridge, or the dead-letter
 * replay): a redelivered event and an identical failure already delivered in the window stop
 * first, before any IAM read or CloudTrail lookup (a storm costs a ledger read each); then the
 * diagnosis, its history, and the delivery. A policy change goes to the change watch
 * ({@link ChangeEvents}).
 * <p>
 * What can never be diagnosed (not JSON, not a failed AssumeRole*) is logged and skipped: a retry
 * cannot fix it. Everything else that goes wrong fails the event ({@link Failed}), so EventBridge
 * and Lambda retry it and the failure queue keeps it for a replay once the cause is fixed.
 */
public final class EventPipeline {
    private static final Logger LOG = LogManager.getLogger(EventPipeline.class);
    private final DiagnosisService service;
    private final DiagnosisDelivery delivery;
    private final Optional<DiagnosisHistory> history;
    private final ChangeEvents changes;

    public EventPipeline(DiagnosisService service, DiagnosisDelivery delivery, Optional<DiagnosisHistory> history, ChangeEvents changes) {
        this.service = service;
        this.delivery = delivery;
        this.history = history;
        this.changes = changes;
    }

    /** The event could not be handled now, for a reason a retry or a later version can fix. */
    public static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One event of either kind (the failure queue holds both): the result document the handler returns. */
    public ObjectNode handle(byte[] input) {
        return read(input, false);
    }

    /**
     * One event from the policy-change rules: a failed AssumeRole* call arriving here is skipped, not
     * diagnosed, so a rule wired to the wrong function shows in its log instead of doubling reports.
     */
    public ObjectNode handleChange(byte[] input) {
        return read(input, true);
    }

    private ObjectNode read(byte[] input, boolean changesOnly) {
        ObjectNode result = Json.mapper().createObjectNode();
        JsonNode event;
        try {
            event = Json.readTree(new String(input, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // neither the event's text nor the parser's message (which quotes it) is logged: it may carry an ExternalId
            LogContext.outcome("skipped");
            LOG.warn("skipped a malformed event of {} bytes: not valid JSON", input.length);
            return result.put("outcome", "skipped").put("reason", "malformed event: not valid JSON");
        }
        if (changesOnly && !PolicyChanges.isChange(event)) {
            LogContext.outcome("skipped");
            LOG.warn("skipped event {}: not a policy change, and this function takes only the policy-change rules' events", Events.id(event));
            return result.put("outcome", "skipped").put("reason", "not a policy change");
        }
        return handle(event, result);
    }

    private ObjectNode handle(JsonNode event, ObjectNode result) {
        String cloudTrailId = event.path("detail").path("eventID").asText(event.path("eventID").asText(""));
        if (cloudTrailId.matches("[A-Za-z0-9-]{1,64}") && delivery.alreadyHandled(cloudTrailId)) {
            LogContext.outcome("duplicate");
            LOG.info("event {} was already handled: a redelivery, skipped", Events.id(event));
            return result.put("outcome", "duplicate");
        }
        if (PolicyChanges.isChange(event)) {
            return changes.handle(event, result);
        }
        Optional<AssumeRoleEvent> applicable;
        try {
            applicable = EventParser.applicable(event);
        } catch (EventParseException e) {
            return skipped(event, result, e);
        }
        Optional<String> signature = applicable.map(a -> RequestSignature.of(event));
        Optional<DiagnosisDelivery.Outcome> repeat = signature.flatMap(s -> delivery.repeatOf(s, applicable.get().eventId()));
        if (repeat.isPresent()) {
            LogContext.outcome("suppressed");
            LOG.info("suppressed a repeat {} of event {}: the same failed request was delivered in this window", repeat.get().dedupKey(),
                    Events.id(event));
            return result.put("outcome", "suppressed");
        }
        Report report;
        Optional<DiagnosisHistory.Pending> pending;
        try {
            // the history's CloudTrail lookups start now and run beside the IAM reads of the diagnosis
            pending = history.flatMap(h -> applicable.flatMap(h::start));
            report = service.diagnose(event);
        } catch (EventParseException e) {
            return skipped(event, result, e);
        } catch (dev.assumeroledoctor.inspect.InspectionFault | software.amazon.awssdk.core.exception.SdkException e) {
            throw e; // AWS could not be read: fail, so EventBridge and Lambda retry and the failure queue keeps the event
        } catch (RuntimeException | StackOverflowError e) {
            // a defect met by this event: fail it too, so the failure queue keeps it for a fixed version to replay
            LOG.error("could not diagnose event {}: {}", Events.id(event), e.getClass().getSimpleName());
            throw new Failed("could not diagnose event " + Events.id(event) + " (" + e.getClass().getSimpleName() + ")", e);
        }
        if (report instanceof Report.NotApplicable na) {
            LogContext.outcome("not-applicable");
            LOG.info("not applicable: {}", Events.scrub(event, SafeText.line(na.reason(), 300)));
            return result.put("outcome", "not-applicable").put("reason", na.reason());
        }
        Report.Diagnosed diagnosed = pending.isPresent() ? history.get().attach(pending.get(), (Report.Diagnosed) report)
                : (Report.Diagnosed) report;
        DiagnosisDelivery.Outcome outcome = delivery.deliver(diagnosed, Events.owner(diagnosed.diagnosis().event().eventId(), event), signature);
        String causes = String.join(",", diagnosed.diagnosis().causes().stream().map(c -> c.id().name()).distinct().toList());
        LogContext.outcome(outcome.suppressed() ? "suppressed" : "delivered", diagnosed, Events.id(event), causes, text -> Events.scrub(event, text));
        if (outcome.suppressed()) {
            LOG.info("suppressed a repeat {} of event {}: {}", outcome.dedupKey(), Events.id(event), causes);
        } else {
            LOG.info("delivered event {} to {}: {} {}", Events.id(event), outcome.targets(), diagnosed.diagnosis().verdict(), causes);
        }
        result.put("outcome", outcome.suppressed() ? "suppressed" : "delivered");
        result.put("verdict", diagnosed.diagnosis().verdict().name());
        result.put("causes", causes);
        return result;
    }

    private static ObjectNode skipped(JsonNode event, ObjectNode result, EventParseException e) {
        // the parser's messages are fixed texts that never quote the event
        LogContext.outcome("skipped");
        LOG.warn("skipped an unreadable event {}: {}", Events.id(event), Events.scrub(event, SafeText.line(e.getMessage(), 200)));
        return result.put("outcome", "skipped").put("reason", e.getMessage());
    }

    /** The few things a log line or the ledger may take from an event. */
    static final class Events {
        private Events() {
        }

        /* The attempt's event in the delivery ledger: the CloudTrail eventID, the same on every retry of the event. */
        static String owner(String cloudTrailId, JsonNode event) {
            return !cloudTrailId.isEmpty() ? cloudTrailId : event.path("id").asText(java.util.UUID.randomUUID().toString());
        }

        /* The event's id, only if it looks like one: it is the one piece of an event a log line names. */
        static String id(JsonNode event) {
            String id = event.path("detail").path("eventID").asText(event.path("eventID").asText(event.path("id").asText("")));
            return scrub(event, id.matches("[A-Za-z0-9-]{1,64}") ? id : "(no readable id)");
        }

        /* Whatever a log line repeats from an event, the event's own ExternalId never appears in it. */
        static String scrub(JsonNode event, String text) {
            String result = text;
            for (JsonNode params : List.of(event.path("detail").path("requestParameters"), event.path("requestParameters"))) {
                JsonNode secret = params.path("externalId");
                if (secret.isValueNode() && secret.asText().length() >= 2) {
                    result = result.replace(secret.asText(), "(redacted)");
                }
            }
            return result;
        }
    }
}
