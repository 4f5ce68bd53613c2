package dev.assumeroledoctor.notify;

import dev.assumeroledoctor.history.ImpactReport;
import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * One SNS message per diagnosis, with SNS's per-protocol message structure: the chat
 * integration's custom-notification JSON by default (and for https), plain text for email.
 * Message attributes let subscribers filter on verdict, causes and accounts.
 */
public final class SnsSink implements DiagnosisSink {
    /* SNS takes 256 KiB per message; the structure carries the text twice. */
    static final int MAX_BYTES = 250 * 1024;
    private final SnsClient sns;
    private final String topicArn;

    public SnsSink(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public String name() {
        return "sns";
    }

    @Override
    public void deliver(Notification notification) {
        Diagnosis d = notification.report().diagnosis();
        String chat = Json.compact(ChatMessage.render(notification));
        String email = PlainTextMessage.render(notification);
        Map<String, String> structure = new LinkedHashMap<>();
        structure.put("default", chat);
        structure.put("https", chat);
        structure.put("email", email);
        String message = Json.compact(Json.mapper().valueToTree(structure));
        if (message.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            structure.put("email", email.substring(0, Math.min(email.length(), 40_000)) + "\n… (truncated to fit SNS's size limit)\n");
            message = Json.compact(Json.mapper().valueToTree(structure));
        }
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("kind", string("diagnosis"));
        attributes.put("verdict", string(d.verdict().name()));
        attributes.put("causes", MessageAttributeValue.builder().dataType("String.Array")
                .stringValue(Json.compact(Json.mapper().valueToTree(Summaries.causeIds(d)))).build());
        d.request().callerAccount().ifPresent(a -> attributes.put("callerAccount", string(a)));
        d.request().roleAccount().ifPresent(a -> attributes.put("roleAccount", string(a)));
        // the same id on every attempt: a subscriber drops the duplicate a retry after "succeeded but failed" sends
        attributes.put("messageId", string(notification.messageId()));
        String body = message;
        boolean fifo = topicArn.endsWith(".fifo");
        sns.publish(p -> {
            p.topicArn(topicArn).subject(Summaries.subject(d)).messageStructure("json").message(body).messageAttributes(attributes);
            if (fifo) {
                // a FIFO topic drops the duplicate itself, for five minutes ("Message deduplication for FIFO topics")
                p.messageGroupId(notification.dedupKey()).messageDeduplicationId(notification.messageId());
            }
        });
    }

    @Override
    public void deliver(AlertNotification alert) {
        String chat = Json.compact(ChangeAlerts.chat(alert));
        Map<String, String> structure = new LinkedHashMap<>();
        structure.put("default", chat);
        structure.put("https", chat);
        structure.put("email", ImpactReport.text(alert.impact()));
        String message = Json.compact(Json.mapper().valueToTree(structure));
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        // subscribers that take only diagnoses filter on kind
        attributes.put("kind", string("policy-change"));
        attributes.put("account", string(alert.impact().change().account()));
        // how complete the warning is, for subscribers' filters and dashboards
        attributes.put("brokenPaths", number(alert.impact().broken().size()));
        attributes.put("pathsChecked", number(alert.impact().checked()));
        attributes.put("accountsChecked", number(alert.impact().accounts().size()));
        attributes.put("accountsUnchecked", number(alert.impact().unchecked().size()));
        attributes.put("messageId", string(alert.messageId()));
        boolean fifo = topicArn.endsWith(".fifo");
        sns.publish(p -> {
            p.topicArn(topicArn).subject(ChangeAlerts.subject(alert.impact())).messageStructure("json").message(message)
                    .messageAttributes(attributes);
            if (fifo) {
                p.messageGroupId(alert.dedupKey()).messageDeduplicationId(alert.messageId());
            }
        });
    }

    /**
     * How a Publish is retried inside one invocation: only when SNS refused it for throttling, so it
     * surely did not take effect. A 5xx or a timeout leaves the outcome unknown (SNS may have taken
     * it): the invocation fails instead, and Lambda's retry publishes once more with the same
     * {@code messageId}, so "took effect, answered 500" gives at most two copies, not four.
     */
    public static software.amazon.awssdk.retries.api.RetryStrategy retryStrategy() {
        // useClientDefaults(false): the client would otherwise add its own conditions (5xx, I/O errors) to these
        return software.amazon.awssdk.retries.DefaultRetryStrategy.standardStrategyBuilder().maxAttempts(3).useClientDefaults(false)
                .retryOnException(e -> e instanceof software.amazon.awssdk.core.exception.SdkServiceException s && s.isThrottlingException())
                .build();
    }

    private static MessageAttributeValue number(int value) {
        return MessageAttributeValue.builder().dataType("Number").stringValue(Integer.toString(value)).build();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
