package dev.assumeroledoctor.evaluation;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the parts of IAM and STS ARNs. */
public final class Arns {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern IAM_ARN = Pattern.compile("arn:([^:]+):(iam|sts)::(\\d{12}):(.+)");
    /* Unique ids: AIDA users, AROA roles, AGPA groups… (IAM identifiers: Unique identifiers). */
    private static final Pattern UNIQUE_ID = Pattern.compile("A(IDA|ROA|GPA|NPA|NPW|SCA|SIA|KIA|PKA|CCA)[A-Z0-9]{12,}");

    private Arns() {
    }

    public static boolean isAccountId(String value) {
        return ACCOUNT_ID.matcher(value).matches();
    }

    public static boolean isUniqueId(String value) {
        return UNIQUE_ID.matcher(value).matches();
    }

    public static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts[4] : "";
    }

    public static String partitionOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts[1] : "aws";
    }

    /** The resource part after the type, e.g. {@code path/name} of {@code role/path/name}. */
    public static String resourceOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts[5] : "";
    }

    /** The last path element: a user's or role's name. */
    public static String nameOf(String arn) {
        String resource = resourceOf(arn);
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    /** {@code user}, {@code role}, {@code root}, {@code assumed-role}, {@code federated-user}… */
    public static Optional<String> iamTypeOf(String arn) {
        Matcher m = IAM_ARN.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        String resource = m.group(4);
        int slash = resource.indexOf('/');
        return Optional.of(slash < 0 ? resource : resource.substring(0, slash));
    }

    /** The role name of an assumed-role session ARN ({@code assumed-role/<role>/<session>}); empty when malformed. */
    public static String sessionRoleName(String sessionArn) {
        String[] parts = resourceOf(sessionArn).split("/", -1);
        return parts.length >= 2 ? parts[1] : "";
    }

    public static String rootArn(String partition, String accountId) {
        return "arn:" + partition + ":iam::" + accountId + ":root";
    }
}
