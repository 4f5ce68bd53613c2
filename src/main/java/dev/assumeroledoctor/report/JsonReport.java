package dev.assumeroledoctor.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.evaluation.ContextValue;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.remediation.CallerAction;
import dev.assumeroledoctor.remediation.Patch;
import dev.assumeroledoctor.remediation.Remediation;
import dev.assumeroledoctor.remediation.SecretScrubber;
import java.util.List;
import java.util.Optional;

/** The machine-readable report: the contract of {@code causes.md} ({@code causes[].id}), secrets redacted. */
public final class JsonReport {
    private JsonReport() {
    }

    public static ObjectNode render(Report report) {
        ObjectNode root = Json.mapper().createObjectNode();
        if (report instanceof Report.NotApplicable na) {
            root.put("verdict", "NOT_APPLICABLE");
            root.put("reason", na.reason());
            return root;
        }
        Report.Diagnosed d = (Report.Diagnosed) report;
        Diagnosis diagnosis = d.diagnosis();
        Remediation remediation = d.remediation();
        root.put("verdict", diagnosis.verdict().name());
        root.set("event", event(diagnosis.event()));
        root.set("request", request(diagnosis.request()));
        ArrayNode causes = root.putArray("causes");
        diagnosis.causes().forEach(c -> causes.add(cause(c)));
        ArrayNode patches = root.putArray("patches");
        remediation.patches().forEach(p -> {
            ObjectNode node = patch(p);
            d.iacOf(p).ifPresent(plan -> node.set("iac", IacRendering.json(plan)));
            patches.add(node);
        });
        ArrayNode actions = root.putArray("actions");
        for (CallerAction action : remediation.actions()) {
            actions.addObject().put("fixes", action.fixes().name()).put("text", action.text());
        }
        strings(root.putArray("flags"), remediation.flags());
        root.put("verified", remediation.verified());
        root.put("broadens", remediation.broadens());
        strings(root.putArray("verification"), remediation.notes());
        ArrayNode bystanders = root.putArray("bystanders");
        remediation.bystanders().forEach(b -> {
            ObjectNode node = bystanders.addObject();
            node.put("principal", Bounded.text(b.who(), 512)).put("role", b.role()).put("relation", Bounded.text(b.relation(), 300))
                    .put("before", b.before().name()).put("after", b.after().name()).put("gainsAccess", b.gains());
        });
        strings(root.putArray("unknowns"), diagnosis.unknowns());
        diagnosis.aws().ifPresent(aws -> {
            ObjectNode node = root.putObject("aws");
            node.put("policyType", aws.policyType());
            node.put("explicitDeny", aws.explicitDeny());
            aws.policyArn().ifPresent(a -> node.put("policyArn", a));
            node.put("agrees", aws.agrees());
            node.put("note", aws.note());
        });
        d.history().ifPresent(h -> root.set("history", history(h)));
        return root;
    }

    private static ObjectNode history(History h) {
        ObjectNode node = Json.mapper().createObjectNode();
        strings(node.putArray("regions"), h.regions());
        node.put("days", h.days());
        h.lastSuccess().ifPresent(s -> {
            ObjectNode last = node.putObject("lastSuccess");
            last.put("caller", Bounded.text(s.caller(), 512)).put("time", s.time().toString()).put("eventId", Bounded.text(s.eventId(), 64));
            ArrayNode differences = last.putArray("differences");
            s.differences().forEach(x -> differences.addObject().put("what", x.what()).put("allowed", Bounded.text(x.allowed(), 512))
                    .put("denied", Bounded.text(x.denied(), 512)).put("decides", x.decides()));
        });
        ArrayNode changes = node.putArray("changes");
        h.changes().forEach(c -> changes.addObject().put("time", c.time().toString()).put("eventName", c.eventName())
                .put("what", Bounded.text(c.what(), 512)).put("actor", Bounded.text(c.actor(), 512)).put("eventId", Bounded.text(c.eventId(), 64))
                .put("likelyTrigger", c.likelyTrigger()));
        strings(node.putArray("gaps"), h.gaps());
        return node;
    }

    private static ObjectNode event(AssumeRoleEvent event) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("eventId", event.eventId());
        node.put("eventTime", event.eventTime().toString());
        node.put("eventName", event.call().eventName());
        node.put("errorCode", event.errorCode());
        node.put("errorMessage", Bounded.text(event.errorMessage(), 1024));
        node.put("region", event.region());
        event.recipientAccountId().ifPresent(a -> node.put("recipientAccountId", a));
        return node;
    }

    private static ObjectNode request(RebuiltRequest r) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("action", r.call().action());
        strings(node.putArray("actions"), r.actions());
        node.put("callerType", r.callerType());
        node.put("caller", Bounded.text(r.caller().arn(), 512));
        if (r.caller().type() == dev.assumeroledoctor.evaluation.PrincipalType.WEB_IDENTITY
                || r.caller().type() == dev.assumeroledoctor.evaluation.PrincipalType.SAML) {
            // a federated caller has no principal ARN: the token's or assertion's subject, and the provider that issued it
            node.put("subject", Bounded.text(r.caller().principalArn(), 512));
            r.caller().issuer().ifPresent(p -> node.put("providerArn", Bounded.text(p, 512)));
        } else if (r.caller().type() == dev.assumeroledoctor.evaluation.PrincipalType.SERVICE) {
            node.put("service", Bounded.text(r.caller().principalArn(), 512));
        } else {
            node.put("principalArn", Bounded.text(r.caller().principalArn(), 512));
        }
        r.callerAccount().ifPresent(a -> node.put("callerAccount", a));
        r.roleArn().ifPresent(a -> node.put("roleArn", Bounded.text(a, 512)));
        r.roleAccount().ifPresent(a -> node.put("roleAccount", a));
        node.put("crossAccount", r.crossAccount());
        node.put("roleChaining", r.roleChaining());
        node.put("externalId", switch (r.externalId()) {
            case ABSENT -> "absent";
            case PRESENT -> "present (redacted)";
            case UNKNOWN -> "unknown";
        });
        r.sessionName().ifPresent(n -> node.put("sessionName", Bounded.text(n, 128)));
        r.durationSeconds().ifPresent(s -> node.put("durationSeconds", s));
        r.sourceIdentity().ifPresent(s -> node.put("sourceIdentity", Bounded.text(s, 128)));
        ObjectNode tags = node.putObject("tags");
        r.tags().forEach((k, v) -> tags.put(Bounded.text(k, 128), Bounded.text(v, 256)));
        value(r, "aws:SourceIp").ifPresent(ip -> node.put("sourceIp", ip));
        node.put("mfa", r.keys().lookup("aws:MultiFactorAuthPresent") instanceof ContextValue.Present p ? p.values().get(0)
                : r.keys().lookup("aws:MultiFactorAuthPresent") instanceof ContextValue.Absent ? "absent" : "unknown");
        return node;
    }

    private static Optional<String> value(RebuiltRequest r, String key) {
        return r.keys().lookup(key) instanceof ContextValue.Present p ? Optional.of(p.values().get(0)) : Optional.empty();
    }

    static ObjectNode cause(Cause c) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("id", c.id().name());
        c.policyType().ifPresent(t -> node.put("policyType", t.jsonName()));
        c.policy().ifPresent(p -> {
            ObjectNode policy = node.putObject("policy");
            policy.put("name", p.name());
            p.arn().ifPresent(a -> policy.put("arn", a));
            p.attachedTo().ifPresent(a -> policy.put("attachedTo", a));
            p.level().ifPresent(l -> policy.put("level", l));
            policy.put("label", p.label());
        });
        c.statement().ifPresent(s -> node.put("statement", s));
        c.statementIndex().ifPresent(i -> node.put("statementIndex", i));
        c.condition().ifPresent(f -> {
            ObjectNode condition = node.putObject("condition");
            condition.put("key", f.key());
            condition.put("operator", f.operator());
            strings(condition.putArray("requiredValues"), f.requiredValues());
            condition.put("requestValue", Bounded.text(f.requestValue(), 512));
        });
        if (!c.actions().isEmpty()) {
            strings(node.putArray("actions"), c.actions());
        }
        node.put("explanation", c.explanation());
        node.put("inferred", c.inferred());
        return node;
    }

    private static ObjectNode patch(Patch p) {
        ObjectNode node = Json.mapper().createObjectNode();
        ArrayNode fixes = node.putArray("fixes");
        p.fixes().forEach(f -> fixes.add(f.name()));
        node.put("policyType", p.target().policyType().jsonName());
        node.put("targetArn", p.target().arn());
        p.policyName().ifPresent(n -> node.put("policyName", n));
        node.put("description", p.description());
        JsonNode scrubbed = SecretScrubber.scrub(p.document());
        node.set("document", scrubbed);
        node.put("secretsRedacted", !scrubbed.equals(p.document()));
        node.put("diff", p.diff());
        node.put("command", p.command());
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
