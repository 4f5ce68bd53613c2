package dev.assumeroledoctor.snapshot;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The seam between inspection and diagnosis: every account and organization fact one event needs. */
public record Snapshot(Map<String, AccountSnapshot> accounts, Optional<OrganizationSnapshot> organization) {
    public Snapshot {
        accounts = Map.copyOf(accounts);
    }

    public Optional<AccountSnapshot> account(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    public Snapshot withAccount(AccountSnapshot account) {
        Map<String, AccountSnapshot> all = new HashMap<>(accounts);
        all.put(account.accountId(), account);
        return new Snapshot(all, organization);
    }

    public Snapshot withOrganization(OrganizationSnapshot org) {
        return new Snapshot(accounts, Optional.of(org));
    }
}
