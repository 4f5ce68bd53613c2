package dev.assumeroledoctor.notify;

import dev.assumeroledoctor.history.ChangeImpact;

/**
 * One "this change breaks N callers" warning to deliver.
 *
 * @param dedupKey  the same change always gives the same key: a redelivered change event warns once
 * @param messageId the same for every attempt at this warning
 */
public record AlertNotification(ChangeImpact impact, String dedupKey, String messageId) {
}
