package dev.assumeroledoctor.notify;

/**
 * Where diagnoses and change warnings go. Adding a tracker is one new implementation of this interface, registered in
 * {@code handler.HandlerConfig}.
 */
public interface DiagnosisSink {
    /** The name used in the {@code DELIVERY_TARGETS} setting. */
    String name();

    /** Delivers or throws: a failure must fail the invocation so EventBridge retries it. */
    void deliver(Notification notification);

    /** Delivers a change warning, or throws, as {@link #deliver(Notification)}. */
    void deliver(AlertNotification alert);
}
