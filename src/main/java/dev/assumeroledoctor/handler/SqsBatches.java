package dev.assumeroledoctor.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.assumeroledoctor.pipeline.LogContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A batch from an SQS event source, as Lambda hands it: each message on its own (with its own log
 * context), and every one that is not done reported in {@code batchItemFailures}, so SQS gives
 * only those again ("Implementing partial batch responses").
 */
final class SqsBatches {
    private SqsBatches() {
    }

    static SQSBatchResponse each(SQSEvent batch, Context context, LogContext logContext, Predicate<SQSEvent.SQSMessage> done) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : batch.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : batch.getRecords()) {
            logContext.begin(Optional.ofNullable(context).map(Context::getAwsRequestId), System.getenv());
            try {
                if (!done.test(message)) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            } finally {
                logContext.end();
            }
        }
        return new SQSBatchResponse(failures);
    }
}
