package dev.assumeroledoctor.notify;

import dev.assumeroledoctor.report.TextReport;

/** The email rendering: the text report, every caller-controlled line made one line and bounded. */
public final class PlainTextMessage {
    static final int MAX_CHARS = 60_000;

    private PlainTextMessage() {
    }

    public static String render(Notification notification) {
        StringBuilder out = new StringBuilder();
        for (String line : TextReport.render(notification.report()).split("\n", -1)) {
            out.append(SafeText.line(line, 2_000)).append('\n');
        }
        if (notification.suppressedRepeats() > 0) {
            out.append(notification.suppressedRepeats()).append(" identical failure(s) were suppressed in the previous window.\n");
        }
        String text = out.toString();
        return dev.assumeroledoctor.report.Bounded.text(text, MAX_CHARS);
    }
}
