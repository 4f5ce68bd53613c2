package dev.assumeroledoctor.snapshot;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The seam between inspection and diagnosis: every account and organization fact one event needs.
 *
 * @param gaps       what live inspection could not read (offline snapshots have none)
 * @param unreadable ARNs that exist but could not be read: never to be taken for missing ones
 */
public record Snapshot(Map<String, AccountSnapshot> accounts, Optional<OrganizationSnapshot> organization, List<DataGap> gaps,
                       Set<String> unreadable) {
    public Snapshot {
        accounts = Map.copyOf(accounts);
        gaps = List.copyOf(gaps);
        unreadable = Set.copyOf(unreadable);
    }

    public Snapshot(Map<String, AccountSnapshot> accounts, Optional<OrganizationSnapshot> organization) {
        this(accounts, organization, List.of(), Set.of());
    }

    /** Marks an account whose snapshot is one page of a truncated listing: what it lacks may exist. */
    public static String partial(String accountId) {
        return "partial:" + accountId;
    }

    /** The mark, among the unreadable, of a role whose own policies could not be read (its trust policy could). */
    public static String policiesOf(String roleArn) {
        return "policies:" + roleArn;
    }

    /** Whether this role's own inline or attached policies could not be read. */
    public boolean policiesUnread(String roleArn) {
        return unreadable.contains(policiesOf(roleArn));
    }

    /** Whether the snapshot may lack this ARN although it exists: unreadable, or its account's listing was cut. */
    public boolean mayLack(String arn) {
        String[] parts = arn.split(":", 6);
        return unreadable.contains(arn) || (parts.length > 4 && unreadable.contains(partial(parts[4])));
    }

    public Optional<AccountSnapshot> account(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    public Snapshot withAccount(AccountSnapshot account) {
        Map<String, AccountSnapshot> all = new HashMap<>(accounts);
        all.put(account.accountId(), account);
        return new Snapshot(all, organization, gaps, unreadable);
    }

    public Snapshot withOrganization(OrganizationSnapshot org) {
        return new Snapshot(accounts, Optional.of(org), gaps, unreadable);
    }
}
