package dev.assumeroledoctor.notify;

import dev.assumeroledoctor.awsjson.AwsJsonApi;

import dev.assumeroledoctor.diagnosis.Diagnosis;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.remediation.Patch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Systems Manager OpsCenter OpsItem per diagnosis ("CreateOpsItem" API reference). The
 * {@code /aws/dedup} operational data makes OpsCenter fold repeats into one OpsItem; the patch
 * travels as operational data so whoever picks up the ticket has it.
 */
public final class OpsItemSink implements DiagnosisSink {
    static final int TITLE_MAX = 1_024;
    static final int DESCRIPTION_MAX = 2_048;
    /* "The value has a maximum size of 20 KB": counted in UTF-8 bytes */
    static final int DATA_MAX = 20_000;
    private final AwsJsonApi ssm;

    public OpsItemSink(AwsJsonApi ssm) {
        this.ssm = ssm;
    }

    @Override
    public String name() {
        return "opsitem";
    }

    @Override
    public void deliver(Notification notification) {
        ssm.call("CreateOpsItem", request(notification));
    }

    @Override
    public void deliver(AlertNotification alert) {
        ssm.call("CreateOpsItem", ChangeAlerts.opsItem(alert));
    }

    /** The CreateOpsItem request body for a notification: every limit of the API kept, counted as the API counts it. */
    static ObjectNode request(Notification notification) {
        Diagnosis d = notification.report().diagnosis();
        Map<String, ObjectNode> data = new LinkedHashMap<>();
        data.put("/aws/dedup", value("SearchableString",
                Json.compact(Json.mapper().createObjectNode().put("dedupString", notification.dedupKey()))));
        d.request().roleArn().filter(a -> a.startsWith("arn:")).ifPresent(role -> data.put("/aws/resources",
                value("SearchableString", Json.compact(Json.mapper().createArrayNode().add(
                        Json.mapper().createObjectNode().put("arn", SafeText.line(role, 1_000)))))));
        data.put("causes", value("SearchableString", String.join(",", Summaries.causeIds(d))));
        List<Patch> patches = notification.report().remediation().patches();
        for (int i = 0; i < patches.size() && i < 5; i++) {
            Patch patch = patches.get(i);
            data.put("patch" + (i + 1), value("String",
                    dev.assumeroledoctor.report.Bounded.bytes(SafeText.lines(patch.command() + "\n\n" + patch.diff(), DATA_MAX), DATA_MAX)));
        }
        String title = SafeText.line("AssumeRole " + Summaries.verdict(d) + ": " + Summaries.callerName(d) + " -> " + Summaries.roleName(d), TITLE_MAX);
        // OpsCenter renders the description as Markdown: the plain text goes inside a fence nothing can close
        String description = SafeText.fenced(PlainTextMessage.render(notification), DESCRIPTION_MAX);
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("Source", "assume-role-doctor").put("Title", title).put("Description", description).put("Category", "Security")
                .put("Severity", d.verdict().name().equals("EXPLICIT_DENY") ? "2" : "3");
        ObjectNode operational = body.putObject("OperationalData");
        data.forEach(operational::set);
        return body;
    }

    private static ObjectNode value(String type, String value) {
        return Json.mapper().createObjectNode().put("Type", type).put("Value", value);
    }
}
