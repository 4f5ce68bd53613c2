package dev.assumeroledoctor.notify;

import dev.assumeroledoctor.report.Report;

/**
 * One diagnosis to deliver.
 *
 * @param dedupKey           the same (caller, role, causes) always gives the same key
 * @param suppressedRepeats  how many identical failures were suppressed in the previous window
 * @param messageId          the same for every attempt at this notification: consumers drop duplicates by it
 */
public record Notification(Report.Diagnosed report, String dedupKey, long suppressedRepeats, String messageId) {
}
