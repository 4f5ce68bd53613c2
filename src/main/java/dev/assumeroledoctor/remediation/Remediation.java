package dev.assumeroledoctor.remediation;

import java.util.List;

/**
 * The proposed fix, proven by re-evaluation.
 *
 * @param verified  with every patch applied (and every caller action taken), the request is allowed
 * @param broadens  some sample principal (another role or user of the caller's account, a stranger
 *                  account) or the caller on another role gains access it did not have
 * @param flags     what a person must decide, e.g. a possible probe from outside the organization
 * @param notes     how verification went, in words
 */
public record Remediation(List<Patch> patches, List<CallerAction> actions, List<String> flags, boolean verified, boolean broadens,
                          List<String> notes) {
    public Remediation {
        patches = List.copyOf(patches);
        actions = List.copyOf(actions);
        flags = List.copyOf(flags);
        notes = List.copyOf(notes);
    }
}
