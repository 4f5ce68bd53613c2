package dev.assumeroledoctor.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.pipeline.LogContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * One EventBridge event, as Lambda streams it to the handlers the rules invoke: read whole (the
 * pipeline skips what is not JSON, never the stream reader), handled in its own log context, and
 * the result document written back.
 */
final class EventBridgeInvocations {
    private EventBridgeInvocations() {
    }

    static void answer(InputStream input, OutputStream output, Context context, LogContext logContext, Function<byte[], ObjectNode> handle)
            throws IOException {
        logContext.begin(Optional.ofNullable(context).map(Context::getAwsRequestId), System.getenv());
        try {
            output.write(Json.compact(handle.apply(input.readAllBytes())).getBytes(StandardCharsets.UTF_8));
        } finally {
            logContext.end();
        }
    }
}
