package dev.assumeroledoctor.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.pipeline.LogContext;
import dev.assumeroledoctor.pipeline.WatchParts;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The watch queue: each message one account's part of a policy change (or the change's deadline),
 * done through {@link WatchParts}. A part that fails is reported in {@code batchItemFailures}: SQS
 * gives it again, and after its retries moves it to the failure queue, which the replay handles.
 */
public final class WatchWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LogManager.getLogger(WatchWorkerHandler.class);
    private final WatchParts parts;
    private final Optional<LiveInspector> inspector;
    private final LogContext logContext = new LogContext();
    /* Held so the CRaC context, which may keep resources only weakly, still finds it at checkpoint. */
    private final Optional<Priming> priming;

    /** The constructor Lambda uses: WATCH_QUEUE_URL and SUPPRESSION_TABLE must be set. */
    public WatchWorkerHandler() {
        this(Wiring.build(HandlerConfig.fromEnvironment(System.getenv())));
    }

    private WatchWorkerHandler(Wiring.Built built) {
        this.parts = built.parts().orElseThrow(() -> new IllegalStateException(
                "the watch worker needs WATCH_QUEUE_URL, SUPPRESSION_TABLE and the live inspector"));
        this.inspector = built.inspector();
        this.priming = Optional.of(Priming.register(built.inspector()));
    }

    /** For tests: over the given parts. */
    public WatchWorkerHandler(WatchParts parts) {
        this.parts = parts;
        this.inspector = Optional.empty();
        this.priming = Optional.empty();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent batch, Context context) {
        Wiring.identify(inspector, context);
        return SqsBatches.each(batch, context, logContext, message -> {
            try {
                parts.handle(Json.readTree(message.getBody()));
                return true;
            } catch (RuntimeException | StackOverflowError e) {
                LOG.warn("watch message {} failed ({}): SQS gives it again", message.getMessageId(), e.getClass().getSimpleName());
                return false;
            }
        });
    }
}
