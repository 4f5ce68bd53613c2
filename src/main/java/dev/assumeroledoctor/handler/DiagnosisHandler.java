package dev.assumeroledoctor.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.pipeline.ChangeEvents;
import dev.assumeroledoctor.pipeline.EventPipeline;
import dev.assumeroledoctor.pipeline.LogContext;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.watch.ChangeWatch;
import dev.assumeroledoctor.watch.DiagnosisHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * EventBridge in: a failed AssumeRole* call, diagnosed and delivered through the one
 * {@link EventPipeline}. Policy changes have their own function ({@link PolicyChangeHandler}); one
 * arriving here is still handled, as the pipeline handles both kinds for the replay. An event that can never be handled is
 * logged and the invocation succeeds; anything a retry or a fixed version can handle fails it, so
 * EventBridge and Lambda retry and the failure queue keeps the event for {@link ReplayHandler}.
 */
public final class DiagnosisHandler implements RequestStreamHandler {
    private final EventPipeline pipeline;
    private final Optional<LiveInspector> inspector;
    private final LogContext logContext = new LogContext();
    /* Held so the CRaC context, which may keep resources only weakly, still finds it at checkpoint. */
    private final Optional<Priming> priming;

    /** The constructor Lambda uses: real clients, built once per container (and primed for SnapStart). */
    public DiagnosisHandler() {
        this(Wiring.build(HandlerConfig.fromEnvironment(System.getenv())));
    }

    private DiagnosisHandler(Wiring.Built built) {
        this.pipeline = built.pipeline();
        this.inspector = built.inspector();
        this.priming = Optional.of(Priming.register(built.inspector()));
    }

    DiagnosisHandler(HandlerConfig config) {
        this(Wiring.build(config));
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
        this.pipeline = new EventPipeline(service, delivery, history, new ChangeEvents(watch, inspector, delivery));
        this.inspector = inspector;
        this.priming = Optional.empty();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Wiring.identify(inspector, context);
        EventBridgeInvocations.answer(input, output, context, logContext, pipeline::handle);
    }

    ObjectNode handle(byte[] input) {
        return pipeline.handle(input);
    }
}
