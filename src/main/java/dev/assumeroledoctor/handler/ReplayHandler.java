package dev.assumeroledoctor.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.pipeline.DeadLetters;
import dev.assumeroledoctor.pipeline.EventPipeline;
import dev.assumeroledoctor.pipeline.LogContext;
import java.util.Optional;

/**
 * The failure queue, replayed once the cause is fixed (README "Replaying failed events"): each
 * message — an EventBridge dead letter or a Lambda on-failure record — goes through the same
 * {@link EventPipeline} as when it first arrived. Every message that cannot be read or delivered is
 * reported in {@code batchItemFailures} and stays in the queue; nothing is dropped.
 */
public final class ReplayHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final DeadLetters deadLetters;
    private final Optional<LiveInspector> inspector;
    private final LogContext logContext = new LogContext();
    /* Held so the CRaC context, which may keep resources only weakly, still finds it at checkpoint. */
    private final Optional<Priming> priming;

    /** The constructor Lambda uses. */
    public ReplayHandler() {
        this(Wiring.build(HandlerConfig.fromEnvironment(System.getenv())));
    }

    private ReplayHandler(Wiring.Built built) {
        this.deadLetters = new DeadLetters(built.pipeline(), built.parts());
        this.inspector = built.inspector();
        this.priming = Optional.of(Priming.register(built.inspector()));
    }

    /** For tests: over the given pipeline. */
    public ReplayHandler(EventPipeline pipeline) {
        this.deadLetters = new DeadLetters(pipeline);
        this.inspector = Optional.empty();
        this.priming = Optional.empty();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent batch, Context context) {
        Wiring.identify(inspector, context);
        return SqsBatches.each(batch, context, logContext, message -> deadLetters.replay(message.getMessageId(), message.getBody()));
    }
}
