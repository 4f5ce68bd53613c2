package dev.assumeroledoctor.inspect;

/** The inspector's own call was refused: becomes a data gap naming the API and the permission. */
final class InspectionDenied extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String api;
    private final String resource;

    InspectionDenied(String api, String resource, String reason) {
        super(api + " on " + resource + ": " + reason);
        this.api = api;
        this.resource = resource;
    }

    String api() {
        return api;
    }

    String resource() {
        return resource;
    }
}
