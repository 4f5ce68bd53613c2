package dev.assumeroledoctor.policy;

public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String jsonName;

    Effect(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
