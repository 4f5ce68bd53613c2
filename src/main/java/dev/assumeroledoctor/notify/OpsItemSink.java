package dev.assumeroledoctor.notify;

import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.remediation.Patch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.CreateOpsItemRequest;
import software.amazon.awssdk.services.ssm.model.OpsItemAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.OpsItemDataType;
import software.amazon.awssdk.services.ssm.model.OpsItemDataValue;

/**
 * A Systems Manager OpsCenter OpsItem per diagnosis ("CreateOpsItem" API reference). The
 * {@code /aws/dedup} operational data makes OpsCenter itself fold a repeat into the open OpsItem
 * ("Managing duplicate OpsItems"), so a call the SDK retries after a lost answer never opens a
 * second one; the patch travels as operational data so whoever picks up the ticket has it.
 */
public final class OpsItemSink implements DiagnosisSink {
    static final int TITLE_MAX = 1_024;
    static final int DESCRIPTION_MAX = 2_048;
    /* "The value has a maximum size of 20 KB": counted in UTF-8 bytes */
    static final int DATA_MAX = 20_000;
    private final SsmClient ssm;

    public OpsItemSink(SsmClient ssm) {
        this.ssm = ssm;
    }

    @Override
    public String name() {
        return "opsitem";
    }

    @Override
    public void deliver(Notification notification) {
        create(request(notification));
    }

    @Override
    public void deliver(AlertNotification alert) {
        create(ChangeAlerts.opsItem(alert));
    }

    private void create(CreateOpsItemRequest request) {
        try {
            ssm.createOpsItem(request);
        } catch (OpsItemAlreadyExistsException e) {
            // an open OpsItem already carries this dedup string: the ticket exists, which is what delivery means here
        }
    }

    /** The CreateOpsItem request for a notification: every limit of the API kept, counted as the API counts it. */
    static CreateOpsItemRequest request(Notification notification) {
        Diagnosis d = notification.report().diagnosis();
        Map<String, OpsItemDataValue> data = new LinkedHashMap<>();
        data.put("/aws/dedup", dedup(notification.dedupKey()));
        d.request().roleArn().filter(a -> a.startsWith("arn:")).ifPresent(role -> data.put("/aws/resources",
                value(OpsItemDataType.SEARCHABLE_STRING, Json.compact(Json.mapper().createArrayNode().add(
                        Json.mapper().createObjectNode().put("arn", SafeText.line(role, 1_000)))))));
        data.put("causes", value(OpsItemDataType.SEARCHABLE_STRING, String.join(",", Summaries.causeIds(d))));
        List<Patch> patches = notification.report().remediation().patches();
        for (int i = 0; i < patches.size() && i < 5; i++) {
            Patch patch = patches.get(i);
            java.util.Optional<dev.assumeroledoctor.iac.IacPlan> iac = notification.report().iacOf(patch);
            data.put("patch" + (i + 1), value(OpsItemDataType.STRING,
                    dev.assumeroledoctor.report.Bounded.bytes(SafeText.lines(iac.map(p -> String.join("\n",
                            dev.assumeroledoctor.report.IacRendering.lines(p)) + "\n\n").orElse("") + patch.command() + "\n\n" + patch.diff(),
                            DATA_MAX), DATA_MAX)));
            // the whole patched template, so the ticket carries the whole change; cut only past OpsCenter's value limit, and then said so
            int n = i + 1;
            iac.flatMap(p -> p.template()).ifPresent(t -> data.put("template" + n, value(OpsItemDataType.STRING, whole(Json.pretty(t)))));
        }
        String title = SafeText.line("AssumeRole " + Summaries.verdict(d) + ": " + Summaries.callerName(d) + " -> " + Summaries.roleName(d), TITLE_MAX);
        // OpsCenter renders the description as Markdown: the plain text goes inside a fence nothing can close
        String description = SafeText.fenced(PlainTextMessage.render(notification), DESCRIPTION_MAX);
        return request(title, description, d.verdict().name().equals("EXPLICIT_DENY") ? "2" : "3", data);
    }

    static CreateOpsItemRequest request(String title, String description, String severity, Map<String, OpsItemDataValue> data) {
        return CreateOpsItemRequest.builder().source("assume-role-doctor").title(title).description(description).category("Security")
                .severity(severity).operationalData(data).build();
    }

    /** OpsCenter's own deduplication: an open OpsItem with the same string is not created again. */
    static OpsItemDataValue dedup(String key) {
        return value(OpsItemDataType.SEARCHABLE_STRING, Json.compact(Json.mapper().createObjectNode().put("dedupString", key)));
    }

    /* A template is whole or absent: a cut one would be a different template. */
    private static String whole(String template) {
        return template.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= DATA_MAX ? template
                : "The patched template is larger than an OpsItem value holds: it is in the JSON report (patches[].iac.template).";
    }

    static OpsItemDataValue value(OpsItemDataType type, String value) {
        return OpsItemDataValue.builder().type(type).value(value).build();
    }
}
