package dev.assumeroledoctor.handler;

import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.StdoutSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The real handler on a sample, offline, without Docker or the sam CLI: the sample directory's
 * snapshot stands in for AWS, and what SNS would carry is printed instead of sent.
 * {@code java -cp target/assume-role-doctor.jar dev.assumeroledoctor.handler.LocalInvoke events/<sample>}
 */
public final class LocalInvoke {
    private LocalInvoke() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LocalInvoke SAMPLE_DIR   (SAMPLE_DIR/event.json with iam-*.json and org.json beside it)");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        // UTF-8 whatever the locale: the chat bullets and arrows never print as "?"
        java.io.PrintStream out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        DiagnosisHandler handler = new DiagnosisHandler(
                Wiring.service(new HandlerConfig(List.of("stdout"), Optional.empty(), Optional.empty(), Optional.empty(), "Task",
                        Optional.empty(), Optional.empty(), java.time.Duration.ofHours(1), java.time.Duration.ofSeconds(90), Optional.empty(), Optional.empty(), Optional.empty(),
                        java.time.Duration.ofMinutes(5), "us-east-1", Optional.of(dir), List.of("us-east-1"), java.time.Duration.ofDays(7)),
                        Optional.empty()),
                new DiagnosisDelivery(List.of(new StdoutSink(out)), Optional.empty()));
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("event.json"))), result, null);
        out.println("=== handler result: " + result.toString(StandardCharsets.UTF_8));
    }
}
