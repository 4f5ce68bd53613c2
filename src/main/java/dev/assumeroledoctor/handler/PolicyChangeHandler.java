package dev.assumeroledoctor.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.pipeline.EventPipeline;
import dev.assumeroledoctor.pipeline.LogContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * EventBridge in: a successful IAM or Organizations write from the policy-change rules, re-checked
 * by the change watch through {@link EventPipeline#handleChange}. Its own function, so a burst of
 * changes (a Terraform apply) never shares concurrency, alarms or logs with failed-call diagnoses;
 * failures fail the invocation like {@link DiagnosisHandler}'s, for EventBridge and Lambda to retry.
 */
public final class PolicyChangeHandler implements RequestStreamHandler {
    private final EventPipeline pipeline;
    private final Optional<LiveInspector> inspector;
    private final LogContext logContext = new LogContext();
    /* Held so the CRaC context, which may keep resources only weakly, still finds it at checkpoint. */
    private final Optional<Priming> priming;

    /** The constructor Lambda uses: real clients, built once per container (and primed for SnapStart). */
    public PolicyChangeHandler() {
        this(Wiring.build(HandlerConfig.fromEnvironment(System.getenv())));
    }

    private PolicyChangeHandler(Wiring.Built built) {
        this.pipeline = built.pipeline();
        this.inspector = built.inspector();
        this.priming = Optional.of(Priming.register(built.inspector()));
    }

    /** For tests: over the given pipeline. */
    public PolicyChangeHandler(EventPipeline pipeline) {
        this.pipeline = pipeline;
        this.inspector = Optional.empty();
        this.priming = Optional.empty();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Wiring.identify(inspector, context);
        EventBridgeInvocations.answer(input, output, context, logContext, pipeline::handleChange);
    }
}
