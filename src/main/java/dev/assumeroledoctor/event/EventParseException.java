package dev.assumeroledoctor.event;

/** An event that cannot be read at all: retrying will not fix it. */
public final class EventParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EventParseException(String message) {
        super(message);
    }
}
