package dev.assumeroledoctor.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Lambda's SQS event source, emulated against a real queue (moto's): batches of up to ten messages
 * handed to a handler as an {@link SQSEvent}; the messages it reports in {@code batchItemFailures}
 * made visible again, the others deleted ("Handling errors for an SQS event source in Lambda").
 */
public final class SqsPoller {
    private SqsPoller() {
    }

    /** The event Lambda builds from received messages. */
    public static SQSEvent event(List<Message> received) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : received) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setEventSource("aws:sqs");
            records.add(record);
        }
        event.setRecords(records);
        return event;
    }

    /**
     * Polls until the queue stays empty (or {@code within} passes): each failed message's body is added
     * to {@code failedBodies}; after {@code maxReceives} failures of one body it is dropped, as SQS moves
     * it to the dead-letter queue. Returns how many batches the handler was given.
     */
    public static int drain(SqsClient sqs, String queue, Function<SQSEvent, SQSBatchResponse> handler, List<String> failedBodies, int maxReceives,
                            Duration within) {
        return drain(sqs, queue, handler, failedBodies, maxReceives, within, 10);
    }

    /** As {@link #drain(SqsClient, String, Function, List, int, Duration)}, with the mapping's batch size (at most ten a receive). */
    public static int drain(SqsClient sqs, String queue, Function<SQSEvent, SQSBatchResponse> handler, List<String> failedBodies, int maxReceives,
                            Duration within, int batchSize) {
        int polls = 0;
        int empty = 0;
        long until = System.nanoTime() + within.toNanos();
        while (empty < 3 && System.nanoTime() < until) {
            List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(Math.min(10, batchSize)).visibilityTimeout(60)
                            .waitTimeSeconds(1))
                    .messages();
            if (received.isEmpty()) {
                empty++;
                continue;
            }
            empty = 0;
            polls++;
            SQSBatchResponse response = handler.apply(event(received));
            Set<String> failed = new HashSet<>();
            response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            for (Message m : received) {
                boolean again = failed.contains(m.messageId());
                if (again) {
                    failedBodies.add(m.body());
                }
                if (again && failedBodies.stream().filter(m.body()::equals).count() < maxReceives) {
                    sqs.changeMessageVisibility(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
                } else {
                    sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
                }
            }
        }
        return polls;
    }
}
