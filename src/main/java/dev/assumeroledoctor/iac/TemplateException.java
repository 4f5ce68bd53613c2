package dev.assumeroledoctor.iac;

/** A template that cannot be read: the message names its source and the place. */
public final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }
}
