package dev.assumeroledoctor.snapshot;

/**
 * Something a diagnosis needed but could not read: becomes an INSUFFICIENT_DATA cause.
 *
 * @param what the thing, e.g. "iam:GetRole on arn:aws:iam::1:role/x"
 * @param why  the reason, e.g. the error AWS answered and the permission the inspector lacks
 */
public record DataGap(String what, String why) {
}
