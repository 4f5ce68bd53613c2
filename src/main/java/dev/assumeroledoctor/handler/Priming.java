package dev.assumeroledoctor.handler;

import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.notify.ChatMessage;
import dev.assumeroledoctor.notify.JiraDocument;
import dev.assumeroledoctor.notify.Notification;
import dev.assumeroledoctor.notify.PlainTextMessage;
import dev.assumeroledoctor.report.JsonReport;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.report.TextReport;
import dev.assumeroledoctor.snapshot.AuthorizationDetailsReader;
import dev.assumeroledoctor.snapshot.OrganizationFileReader;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before the snapshot, the parser, the core and every renderer run once on a
 * bundled sample — offline — and every SDK client against a loopback endpoint ({@link SdkPriming}),
 * so restored containers start warm. After restore, what
 * must not be shared between restored copies (data cached from AWS) is dropped.
 */
final class Priming implements Resource {
    private static final String SAMPLE = "/priming/";
    private final Optional<LiveInspector> inspector;

    private Priming(Optional<LiveInspector> inspector) {
        this.inspector = inspector;
    }

    /** Registers with the CRaC context, which may hold resources weakly: the caller keeps the returned one. */
    static Priming register(Optional<LiveInspector> inspector) {
        Priming priming = new Priming(inspector);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /*
     * Rounds of priming: the JIT compiles a method after some hundreds of calls, and compiled code
     * is part of the snapshot, so the engine and the SDK's request path run several times (the
     * offline pipeline takes milliseconds once warm; the loopback calls about as much).
     */
    static final int ROUNDS = 12;

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        for (int i = 0; i < ROUNDS; i++) {
            prime();
        }
        try {
            for (int i = 0; i < ROUNDS / 4; i++) {
                SdkPriming.prime(Json.readTree(read("event.json")));
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // a priming that fails (even a runtime without the JDK's HTTP server) costs a slower first event, never the snapshot
            org.apache.logging.log4j.LogManager.getLogger(Priming.class).warn("SDK priming skipped: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        inspector.ifPresent(LiveInspector::clearCache);
    }

    /** Runs the whole offline pipeline once; returns the report so a test can see it ran. */
    static Report.Diagnosed prime() {
        Report.Diagnosed report = (Report.Diagnosed) offline().diagnose(Json.readTree(read("event.json")));
        Notification notification = new Notification(report, "priming", 0, "priming-0");
        Json.compact(JsonReport.render(report));
        TextReport.render(report);
        Json.compact(ChatMessage.render(notification));
        PlainTextMessage.render(notification);
        Json.compact(JiraDocument.issue(notification, "PRIME", "Task"));
        // a change warning's renderings, as the change watch delivers one
        dev.assumeroledoctor.history.ChangeImpact impact = new dev.assumeroledoctor.history.ChangeImpact(
                new dev.assumeroledoctor.history.PolicyChange("priming", "UpdateAssumeRolePolicy", "iam.amazonaws.com",
                        report.diagnosis().event().eventTime(), "111111111111", "priming", List.of()), List.of("us-east-1"),
                List.of("111111111111"), 1, List.of(new dev.assumeroledoctor.history.ChangeImpact.Broken("priming", "priming", "sts:AssumeRole",
                        Optional.empty(), "priming", report)), List.of(), List.of(), List.of());
        dev.assumeroledoctor.notify.AlertNotification alert = new dev.assumeroledoctor.notify.AlertNotification(impact, "priming", "priming-0");
        new dev.assumeroledoctor.notify.StdoutSink(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).deliver(alert);
        Json.compact(dev.assumeroledoctor.history.ImpactReport.json(impact));
        return report;
    }

    /** The diagnosis service over the bundled sample's snapshot: no AWS call. */
    static DiagnosisService offline() {
        Snapshot snapshot = new Snapshot(Map.of(
                "111111111111", AuthorizationDetailsReader.read(Json.readTree(read("iam-111111111111.json")), "priming"),
                "222222222222", AuthorizationDetailsReader.read(Json.readTree(read("iam-222222222222.json")), "priming")),
                Optional.of(OrganizationFileReader.read(Json.readTree(read("org.json")), "priming")));
        return new DiagnosisService(e -> snapshot);
    }

    static String read(String name) {
        try (InputStream in = Priming.class.getResourceAsStream(SAMPLE + name)) {
            if (in == null) {
                throw new IllegalStateException("the priming sample " + name + " is not bundled");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
