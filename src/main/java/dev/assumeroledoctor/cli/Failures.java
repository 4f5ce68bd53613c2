package dev.assumeroledoctor.cli;

import dev.assumeroledoctor.event.EventParseException;
import dev.assumeroledoctor.inspect.InspectionFault;
import dev.assumeroledoctor.snapshot.SnapshotException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** What went wrong, in one line on stderr, and the exit code that says which kind of wrong it was. */
final class Failures {
    private Failures() {
    }

    static int report(RuntimeException e, boolean debug, PrintStream err) {
        int code = code(e);
        err.println(message(e, code));
        if (e instanceof UsageError usage) {
            err.println(usage.hint());
        }
        if (debug) {
            e.printStackTrace(err);
        } else if (code == Main.UNEXPECTED) {
            err.println("(--debug prints the stack trace)");
        }
        return code;
    }

    static int code(RuntimeException e) {
        if (e instanceof UsageError) {
            return Main.USAGE;
        }
        if (e instanceof SnapshotException || e instanceof EventParseException || e instanceof IllegalArgumentException) {
            return Main.BAD_INPUT;
        }
        if (credentials(e)) {
            return Main.CONFIGURATION;
        }
        if (e instanceof InspectionFault || e instanceof SdkException) {
            return Main.AWS_FAILED;
        }
        return Main.UNEXPECTED;
    }

    private static String message(RuntimeException e, int code) {
        return switch (code) {
            case Main.BAD_INPUT, Main.USAGE -> e.getMessage();
            case Main.CONFIGURATION -> "no usable AWS credentials or region: " + root(e).getMessage()
                    + " (use --profile, the AWS_* environment variables, 'aws sso login', or --region)";
            case Main.AWS_FAILED -> "AWS could not be read: " + root(e).getMessage() + " (check the network, --endpoint-url, --region)";
            default -> "unexpected error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        };
    }

    /* The credential chain and region providers fail with SdkClientException and these words. */
    private static boolean credentials(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = String.valueOf(t.getMessage());
            if (t instanceof SdkClientException && (text.contains("Unable to load credentials") || text.contains("Unable to load region")
                    || text.contains("profile") || text.contains("Profile"))) {
                return true;
            }
        }
        return false;
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? e : t;
    }

    /** A file problem in a few words, the path said once by the caller. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}
