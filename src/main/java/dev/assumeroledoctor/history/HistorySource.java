package dev.assumeroledoctor.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the recent history of the organization tells, as CloudTrail records: the port the change
 * watch and the diagnosis history read through (live: CloudTrail {@code LookupEvents} with the
 * inspector role; in tests: whatever the test serves). A refusal is a {@link Gap}, never silence.
 */
public interface HistorySource {
    /** Records newest first, as every lookup answers them (a record without a readable time last). */
    static List<JsonNode> newestFirst(List<JsonNode> records) {
        List<JsonNode> sorted = new java.util.ArrayList<>(records);
        sorted.sort(java.util.Comparator.comparing(PolicyChanges::time).reversed());
        return sorted;
    }

    /** The regions whose event history is searched: AssumeRole is logged in the region of the STS endpoint used. */
    List<String> regions();

    /** The successful AssumeRole* records of one account since a time, newest first, in {@link #regions()}. */
    Records successes(String account, Instant since);

    /**
     * The successes of many accounts in one read, by account, where the source can (Athena: one query
     * for a whole change); empty where it cannot, and each account is read on its own.
     */
    default java.util.Optional<java.util.Map<String, Records>> successesOf(List<String> accounts, Instant since) {
        return java.util.Optional.empty();
    }

    /** The IAM write records of one account since a time, newest first (IAM is logged in us-east-1). */
    Records iamChanges(String account, Instant since);

    /** The Organizations write records of the management account since a time, newest first (where its history is readable). */
    Records organizationChanges(Instant since);

    /**
     * The caller account's own copy of a cross-account call that the role's account records only
     * by account and principal id: the same {@code sharedEventID}, with the caller's full identity.
     */
    Optional<JsonNode> callerCopy(String callerAccount, JsonNode roleAccountRecord);

    /** Every account under an organization root, OU or account. */
    List<String> accountsUnder(String targetId);

    /** The roots, OUs and accounts a policy of the organization is attached to. */
    Set<String> policyTargets(String policyId);

    /** The roles, users and groups (by name) a managed policy is attached to in its account. */
    Attachments attachedTo(String account, String policyArn);

    /** The user names in a group. */
    Set<String> groupMembers(String account, String groupName);

    /**
     * Records read, and what could not be read.
     *
     * @param gaps one line per account or region whose history was refused or cut short
     */
    record Records(List<JsonNode> records, List<String> gaps) {
        public Records {
            records = List.copyOf(records);
            gaps = List.copyOf(gaps);
        }
    }

    record Attachments(Set<String> roles, Set<String> users, Set<String> groups) {
    }

    /** A part of the history the inspector was refused: reported, and the verdict says it is partial. */
    final class Gap extends RuntimeException {
        public Gap(String message) {
            super(message);
        }
    }
}
