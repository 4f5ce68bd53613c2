package dev.assumeroledoctor.inspect;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one scheduler every SDK client of the function shares for its call and attempt timeouts
 * (the inspector's per-account clients, CloudTrail's, and the delivery's SNS, SSM and DynamoDB):
 * a client built without one starts a scheduler thread of its own, and a warm container meets
 * hundreds of accounts. One daemon thread: it only fires timeouts.
 */
public final class SdkTimeouts {
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sdk-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    private SdkTimeouts() {
    }

    public static ScheduledExecutorService scheduler() {
        return SCHEDULER;
    }
}
