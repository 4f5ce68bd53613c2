package dev.assumeroledoctor.pipeline;

import dev.assumeroledoctor.report.Report;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.ThreadContext;

/**
 * The keys every log line carries, as Powertools for AWS Lambda users know them, and the facts of
 * one outcome as fields of its line (the JSON layout flattens them into the log event), so Logs
 * Insights filters on {@code verdict} or {@code causes} without parsing messages.
 */
public final class LogContext {
    static final String SERVICE = "assume-role-doctor";
    private static final List<String> OUTCOME_KEYS = List.of("outcome", "verdict", "causes", "event_id", "caller_account", "role_account", "change", "checked", "broken",
            "role_arn");
    private final AtomicBoolean coldStart = new AtomicBoolean(true);

    /** For one invocation: request id, cold start (the first invocation of this container), service, X-Ray trace. */
    public void begin(Optional<String> requestId, Map<String, String> env) {
        requestId.ifPresent(id -> {
            ThreadContext.put("AWSRequestId", id);
            ThreadContext.put("function_request_id", id);
        });
        ThreadContext.put("cold_start", Boolean.toString(coldStart.getAndSet(false)));
        ThreadContext.put("service", SERVICE);
        traceId(env.get("_X_AMZN_TRACE_ID")).ifPresent(t -> ThreadContext.put("xray_trace_id", t));
    }

    public void end() {
        for (String key : List.of("AWSRequestId", "function_request_id", "cold_start", "service", "xray_trace_id")) {
            ThreadContext.remove(key);
        }
        OUTCOME_KEYS.forEach(ThreadContext::remove);
    }

    /**
     * The facts of the diagnosis, as fields of the outcome's line.
     *
     * @param scrub removes the event's ExternalId from caller-controlled text (a role name can hold it)
     */
    static void outcome(String outcome, Report.Diagnosed diagnosed, String eventId, String causes, java.util.function.UnaryOperator<String> scrub) {
        ThreadContext.put("outcome", outcome);
        ThreadContext.put("event_id", eventId);
        ThreadContext.put("verdict", diagnosed.diagnosis().verdict().name());
        ThreadContext.put("causes", causes);
        diagnosed.diagnosis().request().callerAccount().ifPresent(a -> ThreadContext.put("caller_account", a));
        diagnosed.diagnosis().request().roleAccount().ifPresent(a -> ThreadContext.put("role_account", a));
        diagnosed.diagnosis().request().roleArn().filter(a -> a.matches("arn:[\\w-]+:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}"))
                .map(scrub).ifPresent(a -> ThreadContext.put("role_arn", a));
    }

    /** The facts of a change warning, as fields of the outcome's line. */
    static void change(String outcome, dev.assumeroledoctor.history.ChangeImpact impact, String eventId) {
        ThreadContext.put("outcome", outcome);
        ThreadContext.put("event_id", eventId);
        ThreadContext.put("change", impact.change().eventName());
        ThreadContext.put("checked", Integer.toString(impact.checked()));
        ThreadContext.put("broken", Integer.toString(impact.broken().size()));
    }

    static void outcome(String outcome) {
        ThreadContext.put("outcome", outcome);
    }

    /* "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1" */
    public static Optional<String> traceId(String header) {
        if (header == null) {
            return Optional.empty();
        }
        for (String part : header.split(";")) {
            if (part.startsWith("Root=") && part.length() > 5) {
                return Optional.of(part.substring(5));
            }
        }
        return Optional.empty();
    }
}
