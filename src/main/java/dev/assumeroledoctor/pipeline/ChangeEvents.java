package dev.assumeroledoctor.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.history.ChangeImpact;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.SafeText;
import dev.assumeroledoctor.watch.ChangeWatch;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A policy change: the paths that worked recently are re-evaluated against the state after it,
 * read fresh (nothing cached before the change may answer), and a change that breaks any is
 * delivered as a warning. Faults fail the event, as for a diagnosis.
 */
public final class ChangeEvents {
    private static final Logger LOG = LogManager.getLogger(ChangeEvents.class);
    private final Optional<ChangeWatch> watch;
    private final Optional<LiveInspector> inspector;
    private final DiagnosisDelivery delivery;
    private final Optional<WatchParts> parts;

    public ChangeEvents(Optional<ChangeWatch> watch, Optional<LiveInspector> inspector, DiagnosisDelivery delivery) {
        this(watch, inspector, delivery, Optional.empty());
    }

    /** @param parts where a change reaching several accounts is split (the watch queue); empty, every part runs here */
    public ChangeEvents(Optional<ChangeWatch> watch, Optional<LiveInspector> inspector, DiagnosisDelivery delivery, Optional<WatchParts> parts) {
        this.watch = watch;
        this.inspector = inspector;
        this.delivery = delivery;
        this.parts = parts;
    }

    ObjectNode handle(JsonNode event, ObjectNode result) {
        String id = EventPipeline.Events.id(event);
        if (watch.isEmpty()) {
            LogContext.outcome("not-applicable");
            LOG.info("a policy change {} arrived, but the change watch needs the live inspector: skipped", id);
            return result.put("outcome", "not-applicable").put("reason", "the change watch needs the live inspector (not an offline snapshot)");
        }
        inspector.ifPresent(LiveInspector::clearCache);
        Optional<ChangeImpact> assessed;
        try {
            if (parts.isPresent()) {
                Optional<ChangeWatch.Plan> plan = watch.get().plan(event);
                if (plan.isPresent() && plan.get().accounts().size() > 1) {
                    return parts.get().split(event, plan.get(), result);
                }
            }
            assessed = watch.get().assess(event);
        } catch (dev.assumeroledoctor.inspect.InspectionFault | software.amazon.awssdk.core.exception.SdkException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("could not assess the change {}: {}", id, e.getClass().getSimpleName());
            throw new EventPipeline.Failed("could not assess the change " + id + " (" + e.getClass().getSimpleName() + ")", e);
        }
        if (assessed.isEmpty()) {
            LogContext.outcome("not-applicable");
            LOG.info("event {} is a failed write, or not as CloudTrail delivers one: nothing to watch", id);
            return result.put("outcome", "not-applicable").put("reason", "a failed write changes nothing; an envelope whose account is not"
                    + " its record's recipient is not CloudTrail's");
        }
        ChangeImpact impact = assessed.get();
        result.put("checked", impact.checked()).put("broken", impact.broken().size()).put("undetermined", impact.undetermined().size());
        impact.gaps().forEach(g -> LOG.warn("change {}: not read: {}", id, SafeText.line(g, 300)));
        impact.bounds().forEach(b -> LOG.warn("change {}: {}", id, SafeText.line(b, 300)));
        if (!impact.worthTelling()) {
            LogContext.change("no-effect", impact, id);
            LOG.info("change {} ({}) breaks none of {} recent paths", id, impact.change().eventName(), impact.checked());
            return result.put("outcome", "no-effect");
        }
        DiagnosisDelivery.Outcome outcome = delivery.deliver(impact, EventPipeline.Events.owner(impact.change().eventId(), event));
        LogContext.change(outcome.suppressed() ? "suppressed" : "warned", impact, id);
        LOG.info("change {} ({}) breaks {} of {} recent paths: {}", id, impact.change().eventName(), impact.broken().size(),
                impact.checked(), outcome.suppressed() ? "already warned" : "warned " + outcome.targets());
        return result.put("outcome", outcome.suppressed() ? "suppressed" : "warned");
    }
}
