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
