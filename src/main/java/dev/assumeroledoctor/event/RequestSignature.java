package dev.assumeroledoctor.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What makes two failed calls the same request, read from the record alone: who called (identity,
 * session issuer, MFA, source identity), which call to which role with which parameters (an
 * ExternalId by its presence only: it is a secret), from where (source IP, VPC endpoint, region),
 * and what AWS answered. Two records with one signature are decided by the same policies the same
 * way, so the second is a repeat before any policy is read. What differs on every call of a storm
 * (event ids, times, access keys, session creation dates, user agents) is left out.
 */
public final class RequestSignature {
    private static final List<String> RECORD = List.of("eventSource", "eventName", "awsRegion", "errorCode", "errorMessage", "sourceIPAddress",
            "vpcEndpointId", "recipientAccountId");
    private static final List<String> IDENTITY = List.of("type", "arn", "accountId", "principalId", "userName", "invokedBy", "identityProvider");

    private RequestSignature() {
    }

    /** A hex SHA-256 of the deciding facts of a CloudTrail record (bare, or inside an EventBridge envelope). */
    public static String of(JsonNode event) {
        JsonNode record = event.has("detail") ? event.path("detail") : event;
        ObjectNode facts = Json.mapper().createObjectNode();
        RECORD.forEach(f -> facts.set(f, record.path(f)));
        JsonNode identity = record.path("userIdentity");
        IDENTITY.forEach(f -> facts.set("identity." + f, identity.path(f)));
        JsonNode session = identity.path("sessionContext");
        facts.set("issuer", session.path("sessionIssuer").path("arn"));
        facts.set("mfa", session.path("attributes").path("mfaAuthenticated"));
        facts.set("sourceIdentity", session.path("sourceIdentity"));
        facts.set("federatedProvider", session.path("webIdFederationData").path("federatedProvider"));
        JsonNode parameters = record.path("requestParameters");
        if (parameters.isObject()) {
            ObjectNode copy = parameters.deepCopy();
            if (copy.has("externalId")) {
                copy.put("externalId", "(present)");
            }
            // an assertion or token is different on every call; the subject and provider are kept through the identity
            copy.remove(List.of("sAMLAssertionID", "webIdentityToken", "sAMLAssertion"));
            facts.set("parameters", copy);
        } else {
            facts.set("parameters", parameters);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Json.compact(facts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
