package dev.assumeroledoctor.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.policy.Condition;
import dev.assumeroledoctor.policy.Effect;
import dev.assumeroledoctor.snapshot.IamRole;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CloudTrail record a path would leave if STS refused it: the engine reads paths exactly as
 * it reads failures, so a check and a diagnosis can never disagree. Only fields a real record
 * carries are set; what the record cannot show (a session policy) stays unknown as it does there.
 */
final class SyntheticRecord {
    static final String SESSION_NAME = "assume-role-doctor-check";
    private static final Pattern USER = Pattern.compile("arn:(aws[\\w-]*):iam::(\\d{12}):user/(?:.*/)?([^/]+)");
    private static final Pattern ROLE = Pattern.compile("arn:(aws[\\w-]*):iam::(\\d{12}):role/(?:.*/)?([^/]+)");
    private static final Pattern SESSION = Pattern.compile("arn:(aws[\\w-]*):sts::(\\d{12}):assumed-role/([^/]+)/([^/]+)");
    private static final Pattern ROOT = Pattern.compile("arn:(aws[\\w-]*):iam::(\\d{12}):root");
    private static final Pattern PROVIDER = Pattern.compile("arn:(aws[\\w-]*):iam::(\\d{12}):(saml-provider|oidc-provider)/(.+)");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SyntheticRecord() {
    }

    /** @param snapshot what is known so far: a session's role path and the ExternalId the role expects come from it */
    static ObjectNode of(PathSpec path, Snapshot snapshot, Instant now) {
        String time = path.context().getOrDefault("aws:CurrentTime", now.toString());
        ObjectNode record = NODES.objectNode();
        record.put("eventVersion", "1.08");
        String callerArn = identity(path, snapshot, record.putObject("userIdentity"));
        record.put("eventTime", time);
        record.put("eventSource", "sts.amazonaws.com");
        record.put("eventName", path.action().substring("sts:".length()));
        record.put("awsRegion", path.context().getOrDefault("aws:RequestedRegion", "us-east-1"));
        record.put("sourceIPAddress", path.context().getOrDefault("aws:SourceIp", "AWS Internal"));
        Optional.ofNullable(path.context().get("aws:SourceVpce")).ifPresent(v -> record.put("vpcEndpointId", v));
        record.put("userAgent", path.context().getOrDefault("aws:UserAgent", "assume-role-doctor check"));
        record.put("errorCode", "AccessDenied");
        record.put("errorMessage", "User: " + callerArn + " is not authorized to perform: " + path.action() + " on resource: " + path.role());
        parameters(path, snapshot, record.putObject("requestParameters"));
        record.put("eventID", "check-" + Integer.toHexString(path.hashCode()));
        record.put("eventType", "AwsApiCall");
        record.put("recipientAccountId", path.action().equals("sts:AssumeRole") ? Arns.accountOf(callerArn) : Arns.accountOf(path.role()));
        ObjectNode resource = ((ArrayNode) record.putArray("resources")).addObject();
        resource.put("accountId", Arns.accountOf(path.role())).put("type", "AWS::IAM::Role").put("ARN", path.role());
        return record;
    }

    private static String identity(PathSpec path, Snapshot snapshot, ObjectNode id) {
        String p = path.principal();
        Matcher m;
        if (path.action().equals("sts:AssumeRoleWithWebIdentity")) {
            m = provider(p, "oidc-provider");
            String issuer = m.group(4);
            String sub = path.context().getOrDefault(issuer + ":sub", "");
            id.put("type", "WebIdentityUser").put("identityProvider", p).put("userName", sub)
                    .put("principalId", p + ":" + path.context().getOrDefault(issuer + ":aud", "") + ":" + sub);
            return p;
        }
        if (path.action().equals("sts:AssumeRoleWithSAML")) {
            provider(p, "saml-provider");
            id.put("type", "SAMLUser").put("principalId", "check").put("userName", path.context().getOrDefault("SAML:sub", ""));
            return p;
        }
        if ((m = USER.matcher(p)).matches()) {
            id.put("type", "IAMUser").put("arn", p).put("accountId", m.group(2)).put("userName", m.group(3))
                    .put("principalId", "AIDACHECK").put("accessKeyId", "AKIACHECK");
            return p;
        }
        if ((m = ROOT.matcher(p)).matches()) {
            id.put("type", "Root").put("arn", p).put("accountId", m.group(2)).put("principalId", m.group(2));
            return p;
        }
        String roleArn;
        String session;
        if ((m = ROLE.matcher(p)).matches()) {
            roleArn = p;
            session = SESSION_NAME;
        } else if ((m = SESSION.matcher(p)).matches()) {
            String name = m.group(3);
            String fallback = "arn:" + m.group(1) + ":iam::" + m.group(2) + ":role/" + name;
            roleArn = snapshot.account(m.group(2)).flatMap(a -> a.roleNamed(name)).map(IamRole::arn).orElse(fallback);
            session = m.group(4);
        } else {
            throw new IllegalArgumentException("principal must be a user, role, session or root ARN"
                    + (path.action().equals("sts:AssumeRole") ? "" : ", or the provider ARN for " + path.action()) + ", not " + p);
        }
        String partition = m.group(1);
        String account = m.group(2);
        String sessionArn = "arn:" + partition + ":sts::" + account + ":assumed-role/" + Arns.nameOf(roleArn) + "/" + session;
        id.put("type", "AssumedRole").put("arn", sessionArn).put("accountId", account).put("principalId", "AROACHECK:" + session)
                .put("accessKeyId", "ASIACHECK");
        ObjectNode context = id.putObject("sessionContext");
        context.putObject("sessionIssuer").put("type", "Role").put("arn", roleArn).put("accountId", account)
                .put("userName", Arns.nameOf(roleArn)).put("principalId", "AROACHECK");
        context.putObject("attributes").put("mfaAuthenticated", Boolean.toString(path.mfa()));
        return sessionArn;
    }

    private static Matcher provider(String principal, String kind) {
        Matcher m = PROVIDER.matcher(principal);
        if (!m.matches() || !m.group(3).equals(kind)) {
            throw new IllegalArgumentException("the principal of a federated path is the " + kind + " ARN, not " + principal);
        }
        return m;
    }

    private static void parameters(PathSpec path, Snapshot snapshot, ObjectNode params) {
        params.put("roleArn", path.role());
        params.put("roleSessionName", path.context().getOrDefault("sts:RoleSessionName", SESSION_NAME));
        if (path.action().equals("sts:AssumeRoleWithSAML")) {
            params.put("principalArn", path.principal());
        }
        if (path.externalIdPresent()) {
            params.put("externalId", expectedExternalId(path.role(), snapshot).orElse("(the ExternalId the caller holds)"));
        }
        if (path.mfa() && USER.matcher(path.principal()).matches()) {
            params.put("serialNumber", "arn:aws:iam::" + Arns.accountOf(path.principal()) + ":mfa/check");
        }
        if (!path.tags().isEmpty()) {
            ArrayNode tags = params.putArray("tags");
            path.tags().forEach((k, v) -> tags.addObject().put("key", k).put("value", v));
        }
        path.sourceIdentity().ifPresent(s -> params.put("sourceIdentity", s));
    }

    /*
     * "The caller passes the ExternalId" means the one the trust policy asks for: the first
     * value an Allow statement requires. It only lives in the request the engine evaluates;
     * every report redacts sts:ExternalId.
     */
    private static Optional<String> expectedExternalId(String roleArn, Snapshot snapshot) {
        return snapshot.account(Arns.accountOf(roleArn)).flatMap(a -> a.role(roleArn)).stream()
                .flatMap(r -> r.trustPolicy().document().statements().stream())
                .filter(s -> s.effect() == Effect.ALLOW)
                .flatMap(s -> s.conditions().stream())
                .filter(c -> c.key().equalsIgnoreCase("sts:ExternalId") && !c.values().isEmpty())
                .map(c -> c.values().get(0)).findFirst();
    }
}
