package dev.assumeroledoctor.diagnosis;

/** Something a diagnosis needed but could not read: becomes an INSUFFICIENT_DATA cause. */
public record DataGap(String what, String why) {
}
