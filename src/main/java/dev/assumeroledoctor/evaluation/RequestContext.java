package dev.assumeroledoctor.evaluation;

/**
 * One authorization request: who, what action, on which resource, with which condition keys.
 *
 * @param action   e.g. {@code sts:AssumeRole}
 * @param resource the resource ARN, e.g. the role being assumed
 */
public record RequestContext(RequestPrincipal principal, String action, String resource, ContextKeys keys) {

    public RequestContext withAction(String otherAction) {
        return new RequestContext(principal, otherAction, resource, keys);
    }

    public RequestContext withKeys(ContextKeys otherKeys) {
        return new RequestContext(principal, action, resource, otherKeys);
    }
}
