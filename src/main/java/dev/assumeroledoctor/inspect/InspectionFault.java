package dev.assumeroledoctor.inspect;

/**
 * AWS could not be read for a reason that is not a refusal — throttling beyond the SDK's retries,
 * a server error, a timeout. Never a finished report: the invocation fails, EventBridge and Lambda
 * retry, and the dead-letter queue keeps the event when retries run out.
 */
public final class InspectionFault extends RuntimeException {
    public InspectionFault(String what, Throwable cause) {
        super(what + ": " + cause.getClass().getSimpleName(), cause);
    }
}
