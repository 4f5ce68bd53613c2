package dev.assumeroledoctor.handler;

import java.util.Map;

/**
 * What the loopback endpoint answers IAM and Organizations during SnapStart priming: a role, a
 * user in a group, inline and managed policies with a document, tags, and an organization of one
 * root with an SCP, in the APIs' own response shapes ("IAM API Reference", "AWS Organizations API
 * Reference"). Real answers, not errors, so priming runs the response unmarshallers and the
 * inspector's parsing the first event would otherwise meet cold (85 classes and about a third of
 * its time, bench/snapstart-first.sh).
 */
final class PrimingAnswers {
    /* {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}, URL-encoded as IAM returns it */
    private static final String DOCUMENT = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C"
            + "%22Action%22%3A%22sts%3AAssumeRole%22%2C%22Resource%22%3A%22*%22%7D%5D%7D";
    private static final String TRUST = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C"
            + "%22Principal%22%3A%7B%22AWS%22%3A%22arn%3Aaws%3Aiam%3A%3A222222222222%3Aroot%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D";
    private static final String DATE = "2026-01-01T00:00:00Z";
    private static final String MEMBER_POLICY = "<member><PolicyName>priming</PolicyName><PolicyArn>arn:aws:iam::111111111111:policy/priming"
            + "</PolicyArn></member>";
    private static final String TAG = "<member><Key>team</Key><Value>priming</Value></member>";
    private static final Map<String, String> IAM = Map.ofEntries(
            Map.entry("GetRole", "<Role><Path>/</Path><RoleName>priming</RoleName><RoleId>AROAPRIMING</RoleId>"
                    + "<Arn>arn:aws:iam::111111111111:role/priming</Arn><CreateDate>" + DATE + "</CreateDate><AssumeRolePolicyDocument>" + TRUST
                    + "</AssumeRolePolicyDocument><MaxSessionDuration>3600</MaxSessionDuration><Tags>" + TAG + "</Tags></Role>"),
            Map.entry("GetUser", "<User><Path>/</Path><UserName>priming</UserName><UserId>AIDAPRIMING</UserId>"
                    + "<Arn>arn:aws:iam::222222222222:user/priming</Arn><CreateDate>" + DATE + "</CreateDate><Tags>" + TAG + "</Tags></User>"),
            Map.entry("ListRolePolicies", "<PolicyNames><member>priming</member></PolicyNames><IsTruncated>false</IsTruncated>"),
            Map.entry("ListUserPolicies", "<PolicyNames><member>priming</member></PolicyNames><IsTruncated>false</IsTruncated>"),
            Map.entry("ListGroupPolicies", "<PolicyNames><member>priming</member></PolicyNames><IsTruncated>false</IsTruncated>"),
            Map.entry("GetRolePolicy", "<RoleName>priming</RoleName><PolicyName>priming</PolicyName><PolicyDocument>" + DOCUMENT
                    + "</PolicyDocument>"),
            Map.entry("GetUserPolicy", "<UserName>priming</UserName><PolicyName>priming</PolicyName><PolicyDocument>" + DOCUMENT
                    + "</PolicyDocument>"),
            Map.entry("GetGroupPolicy", "<GroupName>priming</GroupName><PolicyName>priming</PolicyName><PolicyDocument>" + DOCUMENT
                    + "</PolicyDocument>"),
            Map.entry("ListAttachedRolePolicies", "<AttachedPolicies>" + MEMBER_POLICY + "</AttachedPolicies><IsTruncated>false</IsTruncated>"),
            Map.entry("ListAttachedUserPolicies", "<AttachedPolicies>" + MEMBER_POLICY + "</AttachedPolicies><IsTruncated>false</IsTruncated>"),
            Map.entry("ListAttachedGroupPolicies", "<AttachedPolicies>" + MEMBER_POLICY + "</AttachedPolicies><IsTruncated>false</IsTruncated>"),
            Map.entry("ListRoleTags", "<Tags>" + TAG + "</Tags><IsTruncated>false</IsTruncated>"),
            Map.entry("ListUserTags", "<Tags>" + TAG + "</Tags><IsTruncated>false</IsTruncated>"),
            Map.entry("ListGroupsForUser", "<Groups><member><Path>/</Path><GroupName>priming</GroupName><GroupId>AGPAPRIMING</GroupId>"
                    + "<Arn>arn:aws:iam::222222222222:group/priming</Arn><CreateDate>" + DATE + "</CreateDate></member></Groups>"
                    + "<IsTruncated>false</IsTruncated>"),
            Map.entry("GetPolicy", "<Policy><PolicyName>priming</PolicyName><PolicyId>ANPAPRIMING</PolicyId>"
                    + "<Arn>arn:aws:iam::111111111111:policy/priming</Arn><Path>/</Path><DefaultVersionId>v1</DefaultVersionId>"
                    + "<AttachmentCount>1</AttachmentCount><IsAttachable>true</IsAttachable><CreateDate>" + DATE + "</CreateDate></Policy>"),
            Map.entry("GetPolicyVersion", "<PolicyVersion><Document>" + DOCUMENT + "</Document><VersionId>v1</VersionId>"
                    + "<IsDefaultVersion>true</IsDefaultVersion><CreateDate>" + DATE + "</CreateDate></PolicyVersion>"),
            Map.entry("ListOpenIDConnectProviders", "<OpenIDConnectProviderList></OpenIDConnectProviderList>"),
            Map.entry("ListSAMLProviders", "<SAMLProviderList></SAMLProviderList>"));
    private static final String SCP = "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"*\\\","
            + "\\\"Resource\\\":\\\"*\\\"}]}";
    private static final String SUMMARY = "{\"Id\":\"p-FullAWSAccess\",\"Arn\":\"arn:aws:organizations::aws:policy/service_control_policy/"
            + "p-FullAWSAccess\",\"Name\":\"FullAWSAccess\",\"Type\":\"SERVICE_CONTROL_POLICY\",\"AwsManaged\":true}";
    private static final Map<String, String> ORGANIZATIONS = Map.of(
            "DescribeOrganization", "{\"Organization\":{\"Id\":\"o-priming0000\",\"Arn\":\"arn:aws:organizations::999999999999:organization/"
                    + "o-priming0000\",\"FeatureSet\":\"ALL\",\"MasterAccountId\":\"999999999999\"}}",
            "DescribeAccount", "{\"Account\":{\"Id\":\"111111111111\",\"Status\":\"ACTIVE\",\"Name\":\"priming\"}}",
            "ListParents", "{\"Parents\":[{\"Id\":\"r-prim\",\"Type\":\"ROOT\"}]}",
            "ListRoots", "{\"Roots\":[{\"Id\":\"r-prim\",\"Name\":\"Root\",\"PolicyTypes\":[{\"Type\":\"SERVICE_CONTROL_POLICY\","
                    + "\"Status\":\"ENABLED\"}]}]}",
            "ListPoliciesForTarget", "{\"Policies\":[" + SUMMARY + "]}",
            "DescribePolicy", "{\"Policy\":{\"PolicySummary\":" + SUMMARY + ",\"Content\":\"" + SCP + "\"}}");

    private PrimingAnswers() {
    }

    /** IAM's XML answer to a Query action, or empty for an action it has none for. */
    static java.util.Optional<String> iam(String action) {
        return java.util.Optional.ofNullable(IAM.get(action)).map(result -> "<" + action + "Response xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><"
                + action + "Result>" + result + "</" + action + "Result><ResponseMetadata><RequestId>priming</RequestId></ResponseMetadata></"
                + action + "Response>");
    }

    /* A user's stack, as CloudFormation returns it as written: the priming diagnosis's patch (a new inline policy) is carried into it. */
    private static final String TEMPLATE = """
            Resources:
              PrimingUser:
                Type: AWS::IAM::User
                Properties:
                  UserName: !Sub "${AWS::StackName}-user"
                  Policies:
                    - PolicyName: priming
                      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]}
                Metadata:
                  aws:cdk:path: Priming/PrimingUser/Resource
            """;

    /**
     * CloudFormation's XML answer to the inspector's two calls, or empty: DescribeStackResources names
     * the asked physical id as a role, a user and a group of one stack; GetTemplate gives its template.
     */
    static java.util.Optional<String> cloudFormation(String action, String body) {
        String physicalId = java.net.URLDecoder.decode(body.replaceAll("(?s).*PhysicalResourceId=([^&]*).*", "$1"),
                java.nio.charset.StandardCharsets.UTF_8).replace("&", "&amp;").replace("<", "&lt;");
        String result = switch (action) {
            case "DescribeStackResources" -> "<StackResources>" + java.util.stream.Stream.of("Role", "User", "Group").map(kind ->
                    "<member><StackName>priming</StackName><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/priming/1</StackId>"
                    + "<LogicalResourceId>Priming" + kind + "</LogicalResourceId><PhysicalResourceId>" + physicalId + "</PhysicalResourceId>"
                    + "<ResourceType>AWS::IAM::" + kind + "</ResourceType><Timestamp>" + DATE + "</Timestamp><ResourceStatus>CREATE_COMPLETE"
                    + "</ResourceStatus></member>").collect(java.util.stream.Collectors.joining()) + "</StackResources>";
            case "GetTemplate" -> "<TemplateBody>" + TEMPLATE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</TemplateBody>";
            default -> null;
        };
        return java.util.Optional.ofNullable(result).map(r -> "<" + action + "Response xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><"
                + action + "Result>" + r + "</" + action + "Result><ResponseMetadata><RequestId>priming</RequestId></ResponseMetadata></"
                + action + "Response>");
    }

    /** Organizations' JSON answer to an operation ({@code X-Amz-Target} "AWSOrganizationsV20161128.Op"), or empty. */
    static java.util.Optional<String> organizations(String target) {
        return java.util.Optional.ofNullable(ORGANIZATIONS.get(target.substring(target.indexOf('.') + 1)));
    }
}
