package dev.assumeroledoctor.inspect;

import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** One AWS call with the errors a diagnosis can live with turned into data: missing, or refused. */
final class Calls {
    private Calls() {
    }

    /** Empty when the entity does not exist; {@link InspectionDenied} when the inspector may not read it. */
    static <T> Optional<T> optional(String api, String resource, Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (e.statusCode() == 404 || "NoSuchEntity".equals(code) || code.endsWith("NotFoundException") || code.equals("AccountNotFound")
                    || code.endsWith("NotInUseException")) {
                return Optional.empty();
            }
            throw denied(api, resource, e, code);
        } catch (SdkClientException e) {
            throw new InspectionDenied(api, resource, "the call failed (" + e.getMessage() + ")");
        }
    }

    static <T> T required(String api, String resource, Supplier<T> call) {
        return optional(api, resource, call).orElseThrow(() -> new InspectionDenied(api, resource, "it does not exist"));
    }

    private static InspectionDenied denied(String api, String resource, AwsServiceException e, String code) {
        String reason = e.statusCode() == 403 || code.contains("AccessDenied")
                ? "AccessDenied: the inspector needs " + api
                : code + " (" + e.statusCode() + ")";
        return new InspectionDenied(api, resource, reason);
    }
}
