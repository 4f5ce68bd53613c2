package dev.assumeroledoctor.inspect;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One AWS call (paginated ones read to the end inside it) with its errors sorted by what they
 * mean for a diagnosis:
 * <ul>
 * <li>the entity does not exist: empty;</li>
 * <li>the inspector is refused (AccessDenied, also when assuming the inspector role): {@link InspectionDenied},
 *     a data gap naming the action and the resource;</li>
 * <li>anything else — throttling beyond the SDK's retries, a server error, a timeout, a broken
 *     connection: {@link InspectionFault}, which fails the invocation so it is retried, never a
 *     report that blames permissions.</li>
 * </ul>
 */
final class Calls {
    private static final Set<String> REFUSALS = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "AuthorizationError", "InvalidClientTokenId", "PolicyTypeNotEnabledException");

    private Calls() {
    }

    /** Empty when the entity does not exist. */
    static <T> Optional<T> optional(String api, String resource, Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (SdkException e) {
            AwsServiceException service = serviceCause(e);
            String code = service == null || service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
            if (service != null && (service.statusCode() == 404 || "NoSuchEntity".equals(code) || code.endsWith("NotFoundException")
                    || code.equals("AccountNotFound") || code.endsWith("NotInUseException"))) {
                return Optional.empty();
            }
            if (service != null && (service.statusCode() == 403 || REFUSALS.contains(code))) {
                String action = e == service ? api : "sts:AssumeRole into the inspector role, for " + api;
                throw new InspectionDenied(api, resource, code.equals("PolicyTypeNotEnabledException") ? "PolicyTypeNotEnabled"
                        : "AccessDenied: the inspector needs " + action + " on " + resource);
            }
            throw new InspectionFault(api + " on " + resource, e);
        }
    }

    static <T> T required(String api, String resource, Supplier<T> call) {
        return optional(api, resource, call).orElseThrow(() -> new InspectionDenied(api, resource, "it does not exist"));
    }

    /* The service's answer, also when it comes wrapped (a credentials provider failing to assume the inspector role). */
    private static AwsServiceException serviceCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException s) {
                return s;
            }
        }
        return null;
    }
}
