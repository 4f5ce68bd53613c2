package dev.assumeroledoctor.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.event.EventParseException;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.inspect.InspectionFault;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.SafeText;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.history.ChangeImpact;
import dev.assumeroledoctor.history.PolicyChanges;
import dev.assumeroledoctor.watch.ChangeWatch;
import dev.assumeroledoctor.watch.DiagnosisHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * EventBridge in, diagnosis out. Thin: parse, diagnose through the one service, deliver, log. A
 * malformed or unrelated event is logged and the invocation succeeds (retrying cannot fix it); a
 * failure to deliver fails it, so EventBridge retries and the dead-letter queue keeps the event.
 */
public final class DiagnosisHandler implements RequestStreamHandler {
    private static final Logger LOG = LogManager.getLogger(DiagnosisHandler.class);
    private final DiagnosisService service;
    private final DiagnosisDelivery delivery;
    private final LogContext logContext = new LogContext();
    private final Optional<LiveInspector> inspector;
    private final Optional<ChangeWatch> watch;
    private final Optional<DiagnosisHistory> history;
    /* Held so the CRaC context, which may keep resources only weakly, still finds it at checkpoint. */
    private final Optional<Priming> priming;

    /** The constructor Lambda uses: real clients, built once per container (and primed for SnapStart). */
    public DiagnosisHandler() {
        this(HandlerConfig.fromEnvironment(System.getenv()));
    }

    DiagnosisHandler(HandlerConfig config) {
        Optional<LiveInspector> inspector = Wiring.inspector(config);
        this.service = Wiring.service(config, inspector);
        this.delivery = Wiring.delivery(config);
        this.priming = Optional.of(Priming.register(inspector));
        this.inspector = inspector;
        this.watch = Wiring.watch(config, inspector);
        this.history = Wiring.history(config, inspector);
    }

    /** For tests and local runs: the collaborators given. */
    public DiagnosisHandler(DiagnosisService service, DiagnosisDelivery delivery) {
        this(service, delivery, Optional.empty());
    }

    /** For tests: with the live inspector the context identifies the function to. */
    public DiagnosisHandler(DiagnosisService service, DiagnosisDelivery delivery, Optional<LiveInspector> inspector) {
        this(service, delivery, inspector, Optional.empty(), Optional.empty());
    }

    /** For tests: with the change watch and the diagnosis history too. */
    public DiagnosisHandler(DiagnosisService service, DiagnosisDelivery delivery, Optional<LiveInspector> inspector,
                            Optional<ChangeWatch> watch, Optional<DiagnosisHistory> history) {
        this.service = service;
        this.delivery = delivery;
        this.priming = Optional.empty();
        this.inspector = inspector;
        this.watch = watch;
        this.history = history;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        logContext.begin(Optional.ofNullable(context).map(Context::getAwsRequestId), System.getenv());
        if (context != null && context.getInvokedFunctionArn() != null && context.getFunctionName() != null) {
            inspector.ifPresent(i -> i.identify(context.getInvokedFunctionArn(), context.getFunctionName()));
        }
        try {
            ObjectNode result = handle(input.readAllBytes());
            output.write(Json.compact(result).getBytes(StandardCharsets.UTF_8));
        } finally {
            logContext.end();
        }
    }

    ObjectNode handle(byte[] input) {
        ObjectNode result = Json.mapper().createObjectNode();
        JsonNode event;
        try {
            event = Json.readTree(new String(input, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // neither the event's text nor the parser's message (which quotes it) is logged: it may carry an ExternalId
            LogContext.outcome("skipped");
            LOG.warn("skipped a malformed event of {} bytes: not valid JSON", input.length);
            return result.put("outcome", "skipped").put("reason", "malformed event: not valid JSON");
        }
        String cloudTrailId = event.path("detail").path("eventID").asText(event.path("eventID").asText(""));
        if (cloudTrailId.matches("[A-Za-z0-9-]{1,64}") && delivery.alreadyHandled(cloudTrailId)) {
            LogContext.outcome("duplicate");
            LOG.info("event {} was already handled: a redelivery, skipped", eventId(event));
            return result.put("outcome", "duplicate");
        }
        if (PolicyChanges.isChange(event)) {
            return watchChange(event, result);
        }
        Report report;
        Optional<DiagnosisHistory.Pending> pending;
        try {
            // the history's CloudTrail lookups start now and run beside the IAM reads of the diagnosis
            pending = history.flatMap(h -> EventParser.applicable(event).flatMap(h::start));
            report = service.diagnose(event);
        } catch (EventParseException e) {
            // the parser's messages are fixed texts that never quote the event
            LogContext.outcome("skipped");
            LOG.warn("skipped an unreadable event {}: {}", eventId(event), scrub(event, SafeText.line(e.getMessage(), 200)));
            return result.put("outcome", "skipped").put("reason", e.getMessage());
        } catch (InspectionFault | software.amazon.awssdk.core.exception.SdkException e) {
            throw e; // AWS could not be read: fail, so EventBridge and Lambda retry and the dead-letter queue keeps the event
        } catch (RuntimeException | StackOverflowError e) {
            // a diagnosis that cannot be made of this event fails the same way on every retry: skip it, loudly, and name it
            LogContext.outcome("skipped");
            LOG.error("could not diagnose event {}: {}", eventId(event), e.getClass().getSimpleName());
            return result.put("outcome", "skipped").put("reason", "could not diagnose this event (" + e.getClass().getSimpleName() + ")");
        }
        if (report instanceof Report.NotApplicable na) {
            LogContext.outcome("not-applicable");
            LOG.info("not applicable: {}", scrub(event, SafeText.line(na.reason(), 300)));
            return result.put("outcome", "not-applicable").put("reason", na.reason());
        }
        Report.Diagnosed diagnosed = pending.isPresent() ? history.get().attach(pending.get(), (Report.Diagnosed) report)
                : (Report.Diagnosed) report;
        DiagnosisDelivery.Outcome outcome = delivery.deliver(diagnosed, owner(diagnosed, event));
        String causes = String.join(",", diagnosed.diagnosis().causes().stream().map(c -> c.id().name()).distinct().toList());
        LogContext.outcome(outcome.suppressed() ? "suppressed" : "delivered", diagnosed, eventId(event), causes, text -> scrub(event, text));
        if (outcome.suppressed()) {
            LOG.info("suppressed a repeat {} of event {}: {}", outcome.dedupKey(), eventId(event), causes);
        } else {
            LOG.info("delivered event {} to {}: {} {}", eventId(event), outcome.targets(),
                    diagnosed.diagnosis().verdict(), causes);
        }
        result.put("outcome", outcome.suppressed() ? "suppressed" : "delivered");
        result.put("verdict", diagnosed.diagnosis().verdict().name());
        result.put("causes", causes);
        return result;
    }

    /*
     * A policy change: the paths that worked recently are re-evaluated against the state after it,
     * read fresh (nothing cached before the change may answer), and a change that breaks any is
     * delivered as a warning. Faults fail the invocation, as for a diagnosis.
     */
    private ObjectNode watchChange(JsonNode event, ObjectNode result) {
        if (watch.isEmpty()) {
            LogContext.outcome("not-applicable");
            LOG.info("a policy change {} arrived, but the change watch needs the live inspector: skipped", eventId(event));
            return result.put("outcome", "not-applicable").put("reason", "the change watch needs the live inspector (not an offline snapshot)");
        }
        inspector.ifPresent(LiveInspector::clearCache);
        Optional<ChangeImpact> assessed;
        try {
            assessed = watch.get().assess(event);
        } catch (InspectionFault | software.amazon.awssdk.core.exception.SdkException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            LogContext.outcome("skipped");
            LOG.error("could not assess the change {}: {}", eventId(event), e.getClass().getSimpleName());
            return result.put("outcome", "skipped").put("reason", "could not assess this change (" + e.getClass().getSimpleName() + ")");
        }
        if (assessed.isEmpty()) {
            LogContext.outcome("not-applicable");
            LOG.info("event {} is a failed write, or not as CloudTrail delivers one: nothing to watch", eventId(event));
            return result.put("outcome", "not-applicable").put("reason", "a failed write changes nothing; an envelope whose account is not"
                    + " its record's recipient is not CloudTrail's");
        }
        ChangeImpact impact = assessed.get();
        result.put("checked", impact.checked()).put("broken", impact.broken().size()).put("undetermined", impact.undetermined().size());
        impact.gaps().forEach(g -> LOG.warn("change {}: not read: {}", eventId(event), SafeText.line(g, 300)));
        impact.bounds().forEach(b -> LOG.warn("change {}: {}", eventId(event), SafeText.line(b, 300)));
        if (!impact.worthTelling()) {
            LogContext.change("no-effect", impact, eventId(event));
            LOG.info("change {} ({}) breaks none of {} recent paths", eventId(event), impact.change().eventName(), impact.checked());
            return result.put("outcome", "no-effect");
        }
        String owner = impact.change().eventId().isEmpty() ? event.path("id").asText(java.util.UUID.randomUUID().toString())
                : impact.change().eventId();
        DiagnosisDelivery.Outcome outcome = delivery.deliver(impact, owner);
        LogContext.change(outcome.suppressed() ? "suppressed" : "warned", impact, eventId(event));
        LOG.info("change {} ({}) breaks {} of {} recent paths: {}", eventId(event), impact.change().eventName(), impact.broken().size(),
                impact.checked(), outcome.suppressed() ? "already warned" : "warned " + outcome.targets());
        return result.put("outcome", outcome.suppressed() ? "suppressed" : "warned");
    }

    /* The attempt's owner in the delivery ledger: the CloudTrail eventID, the same on every retry of the event. */
    private static String owner(Report.Diagnosed diagnosed, JsonNode event) {
        String id = diagnosed.diagnosis().event().eventId();
        return !id.isEmpty() ? id : event.path("id").asText(java.util.UUID.randomUUID().toString());
    }

    /* The event's id, only if it looks like one: it is the one piece of an event a log line names. */
    private static String eventId(JsonNode event) {
        String id = event.path("detail").path("eventID").asText(event.path("eventID").asText(event.path("id").asText("")));
        return scrub(event, id.matches("[A-Za-z0-9-]{1,64}") ? id : "(no readable id)");
    }

    /* Whatever a log line repeats from an event, the event's own ExternalId never appears in it. */
    private static String scrub(JsonNode event, String text) {
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
