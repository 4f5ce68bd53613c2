package dev.assumeroledoctor.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.fanout.PartQueue;
import dev.assumeroledoctor.fanout.PartStore;
import dev.assumeroledoctor.history.ChangeImpact;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.watch.ChangeWatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A change that reaches many accounts, done as AWS's own services do it: split into one part per
 * account on the watch queue, each part done by a worker (its account's history and IAM read once),
 * the parts gathered in the ledger's table, and exactly one warning per change when the last part
 * is in — or when the deadline passes, naming the accounts whose part did not come back.
 */
public final class WatchParts {
    private static final Logger LOG = LogManager.getLogger(WatchParts.class);
    private final ChangeWatch watch;
    private final PartQueue queue;
    private final PartStore store;
    private final DiagnosisDelivery delivery;
    private final Duration deadline;

    public WatchParts(ChangeWatch watch, PartQueue queue, PartStore store, DiagnosisDelivery delivery, Duration deadline) {
        this.watch = watch;
        this.queue = queue;
        this.store = store;
        this.delivery = delivery;
        this.deadline = deadline;
    }

    /** Sends one part per account of the plan, and the deadline. */
    ObjectNode split(JsonNode event, ChangeWatch.Plan plan, ObjectNode result) {
        String id = changeId(event, plan);
        store.start(id, plan.accounts(), plan.gaps());
        // where the history answers for the whole change at once (Athena), the parts carry their account's successes
        java.util.Map<String, List<JsonNode>> records = new java.util.HashMap<>();
        watch.successesOf(plan).ifPresent(read -> read.forEach((account, r) -> {
            if (r.gaps().isEmpty()) {
                records.put(account, r.records());
            }
        }));
        queue.send(event, plan.accounts(), records);
        queue.sendDeadline(event, deadline);
        LogContext.outcome("fanned-out");
        LOG.info("change {} ({}) reaches {} accounts: one part each on the watch queue", EventPipeline.Events.id(event),
                plan.change().eventName(), plan.accounts().size());
        return result.put("outcome", "fanned-out").put("parts", plan.accounts().size());
    }

    /** One message of the watch queue: a part to do, or a deadline to keep. A fault throws: SQS gives the message again. */
    public void handle(JsonNode message) {
        JsonNode event = message.path("change");
        // the change alone: its accounts were found once, by the split, and are in the store (no organization walk per part)
        ChangeWatch.Plan plan = dev.assumeroledoctor.history.PolicyChanges.parse(event).map(c -> new ChangeWatch.Plan(c, List.of(), List.of()))
                .orElseThrow(() -> new IllegalArgumentException("a watch message without a watched change"));
        String id = changeId(event, plan);
        if (PartQueue.PART.equals(message.path("kind").asText())) {
            String account = message.path("account").asText();
            Optional<dev.assumeroledoctor.history.HistorySource.Records> carried = Optional.empty();
            if (message.path("records").isArray()) {
                List<JsonNode> records = new ArrayList<>();
                message.path("records").forEach(records::add);
                carried = Optional.of(new dev.assumeroledoctor.history.HistorySource.Records(records, List.of()));
            }
            ChangeWatch.Part part = watch.part(new ChangeWatch.Plan(plan.change(), List.of(account), List.of()), account, carried);
            boolean fresh = store.record(id, part);
            LOG.info("change {}: part of account {} {}: {} path(s), {} broken", EventPipeline.Events.id(event), account,
                    fresh ? "recorded" : "was already in", part.paths().size(), part.broken().size());
            gatherIfDone(event, plan, id, false);
        } else if (PartQueue.DEADLINE.equals(message.path("kind").asText())) {
            gatherIfDone(event, plan, id, true);
        } else {
            throw new IllegalArgumentException("a watch message of no known kind");
        }
    }

    /* Every part in, or the deadline: the one warning of the change, through the ledger (a second gatherer is a repeat). */
    private void gatherIfDone(JsonNode event, ChangeWatch.Plan plan, String id, boolean deadlinePassed) {
        Optional<PartStore.State> state = store.state(id);
        if (state.isEmpty() || state.get().gathered() || (!state.get().complete() && !deadlinePassed)) {
            return;
        }
        List<ChangeWatch.Part> parts = store.parts(id, state.get().accounts());
        List<String> unchecked = new ArrayList<>();
        List<String> back = parts.stream().map(ChangeWatch.Part::account).toList();
        state.get().accounts().stream().filter(a -> !back.contains(a)).forEach(a -> unchecked.add(a
                + ": its part did not come back before the deadline (" + deadline.toMinutes() + " min): it failed every retry or is still queued"));
        ChangeImpact impact = watch.gather(new ChangeWatch.Plan(plan.change(), state.get().accounts(), state.get().gaps()), parts, unchecked);
        if (impact.worthTelling()) {
            DiagnosisDelivery.Outcome outcome = delivery.deliver(impact, EventPipeline.Events.owner(impact.change().eventId(), event));
            LOG.info("change {} gathered from {} of {} parts: {} broken of {} paths, {}", EventPipeline.Events.id(event), parts.size(),
                    state.get().accounts().size(), impact.broken().size(), impact.checked(), outcome.suppressed() ? "already warned" : "warned");
        } else {
            LOG.info("change {} gathered from {} parts: breaks none of {} paths", EventPipeline.Events.id(event), parts.size(), impact.checked());
        }
        store.markGathered(id);
    }

    /** Whether a message body is one of the watch queue's (so the dead-letter replay can hand it back here). */
    public static boolean isWatchMessage(JsonNode body) {
        String kind = body.path("kind").asText();
        return (PartQueue.PART.equals(kind) || PartQueue.DEADLINE.equals(kind)) && body.path("change").isObject();
    }

    private static String changeId(JsonNode event, ChangeWatch.Plan plan) {
        return plan.change().eventId().isEmpty() ? event.path("id").asText("") : plan.change().eventId();
    }
}
