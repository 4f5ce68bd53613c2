package dev.assumeroledoctor.remediation;

import java.util.List;

/**
 * The proposed fix, proven by re-evaluation.
 *
 * @param verified  with every patch applied and every caller action taken the request is allowed,
 *                  and no bystander gains access
 * @param broadens  some bystander gains access it did not have: no safe patch exists, and these
 *                  are the least-broadening ones
 * @param bystanders everyone the edits can reach, evaluated before and after
 * @param flags     what a person must decide, e.g. a possible probe from outside the organization
 * @param notes     how verification went, in words
 */
public record Remediation(List<Patch> patches, List<CallerAction> actions, List<String> flags, boolean verified, boolean broadens,
                          List<String> notes, List<Bystander> bystanders) {
    public Remediation {
        patches = List.copyOf(patches);
        // one line per distinct fix: several causes (or the same cause of several roles) may call for the same action
        java.util.Set<String> seen = new java.util.HashSet<>();
        actions = actions.stream().filter(a -> seen.add(a.text())).toList();
        flags = List.copyOf(flags);
        notes = List.copyOf(notes);
        bystanders = List.copyOf(bystanders);
    }
}
