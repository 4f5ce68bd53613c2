package dev.assumeroledoctor.snapshot;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything IAM holds for one account, as {@code get-account-authorization-details} returns it. */
public record AccountSnapshot(
        String accountId,
        Map<String, IamUser> usersByArn,
        Map<String, IamGroup> groupsByName,
        Map<String, IamRole> rolesByArn,
        Map<String, ManagedPolicy> policiesByArn,
        List<OidcProvider> oidcProviders,
        List<String> samlProviderArns) {

    public AccountSnapshot {
        usersByArn = Map.copyOf(usersByArn);
        groupsByName = Map.copyOf(groupsByName);
        rolesByArn = Map.copyOf(rolesByArn);
        policiesByArn = Map.copyOf(policiesByArn);
        oidcProviders = List.copyOf(oidcProviders);
        samlProviderArns = List.copyOf(samlProviderArns);
    }

    public Optional<IamRole> role(String arn) {
        return Optional.ofNullable(rolesByArn.get(arn));
    }

    /** A role by name: the assumed-role ARN of a session names the role without its path. */
    public Optional<IamRole> roleNamed(String name) {
        return rolesByArn.values().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<IamUser> user(String arn) {
        return Optional.ofNullable(usersByArn.get(arn));
    }

    public Optional<IamUser> userNamed(String name) {
        return usersByArn.values().stream().filter(u -> u.name().equals(name)).findFirst();
    }

    public Optional<ManagedPolicy> policy(String arn) {
        return Optional.ofNullable(policiesByArn.get(arn));
    }

    public Optional<OidcProvider> oidcProvider(String arn) {
        return oidcProviders.stream().filter(p -> p.arn().equals(arn)).findFirst();
    }

    public AccountSnapshot withRole(IamRole role) {
        Map<String, IamRole> roles = new java.util.HashMap<>(rolesByArn);
        roles.put(role.arn(), role);
        return new AccountSnapshot(accountId, usersByArn, groupsByName, roles, policiesByArn, oidcProviders, samlProviderArns);
    }

    /** The account with this managed policy added, or replacing the one of the same ARN. */
    public AccountSnapshot withPolicy(ManagedPolicy policy) {
        Map<String, ManagedPolicy> policies = new java.util.HashMap<>(policiesByArn);
        policies.put(policy.arn(), policy);
        return new AccountSnapshot(accountId, usersByArn, groupsByName, rolesByArn, policies, oidcProviders, samlProviderArns);
    }
}
