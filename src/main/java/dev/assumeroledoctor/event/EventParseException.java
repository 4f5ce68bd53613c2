package dev.assumeroledoctor.event;

import java.util.Optional;

/**
 * An event that cannot be read at all: retrying will not fix it. The message is a fixed text that
 * never quotes the event (the function logs it); the offending value, bounded, travels apart for
 * the command line, which shows it to the user who gave the file.
 */
public final class EventParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String value;

    public EventParseException(String message) {
        this(message, null);
    }

    public EventParseException(String message, String value) {
        super(message);
        this.value = value;
    }

    /** The value the message is about, quoted and bounded; for the user's own file only, never for a log. */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }
}
