package dev.assumeroledoctor.logging;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the function logs while a test runs: outside Lambda, Lambda's logger writes to standard
 * output, which this captures (and still shows) until closed. Tests run one at a time.
 */
public final class LogCapture implements AutoCloseable {
    private final PrintStream original = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public LogCapture() {
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    /** Everything logged so far. */
    public String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setOut(original);
    }
}
