package dev.assumeroledoctor.evaluation;

/** The policy types that decide an AssumeRole request; {@code jsonName} is the report's {@code policyType}. */
public enum PolicyType {
    TRUST("trust"),
    IDENTITY("identity"),
    BOUNDARY("boundary"),
    SESSION("session"),
    SCP("scp"),
    RCP("rcp");

    private final String jsonName;

    PolicyType(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
