package dev.assumeroledoctor.policy;

/** A policy document that IAM would reject, with the place that is wrong. */
public final class PolicyParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public PolicyParseException(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem);
        this.path = path;
    }

    /** Where in the document, e.g. {@code Statement[2].Condition.StringEquals}. */
    public String path() {
        return path;
    }
}
