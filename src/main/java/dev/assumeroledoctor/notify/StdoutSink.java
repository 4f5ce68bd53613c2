package dev.assumeroledoctor.notify;

import dev.assumeroledoctor.history.ImpactReport;
import dev.assumeroledoctor.json.Json;
import java.io.PrintStream;

/** Local runs: prints what SNS would carry (subject, chat JSON, email text) instead of sending it. */
public final class StdoutSink implements DiagnosisSink {
    private final PrintStream out;

    public StdoutSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public String name() {
        return "stdout";
    }

    @Override
    public void deliver(Notification notification) {
        out.println("=== SNS Subject: " + Summaries.subject(notification.report().diagnosis()));
        out.println("=== chat (Amazon Q Developer custom notification):");
        out.println(Json.pretty(ChatMessage.render(notification)));
        out.println("=== email:");
        out.print(PlainTextMessage.render(notification));
    }

    @Override
    public void deliver(AlertNotification alert) {
        out.println("=== SNS Subject: " + ChangeAlerts.subject(alert.impact()));
        out.println("=== chat (Amazon Q Developer custom notification):");
        out.println(Json.pretty(ChangeAlerts.chat(alert)));
        out.println("=== email:");
        out.print(ImpactReport.text(alert.impact()));
    }
}
