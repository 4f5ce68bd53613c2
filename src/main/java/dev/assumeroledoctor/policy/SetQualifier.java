package dev.assumeroledoctor.policy;

/** The {@code ForAllValues:}/{@code ForAnyValue:} prefix for multivalued context keys. */
public enum SetQualifier {
    NONE(""),
    FOR_ALL_VALUES("ForAllValues:"),
    FOR_ANY_VALUE("ForAnyValue:");

    private final String prefix;

    SetQualifier(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
