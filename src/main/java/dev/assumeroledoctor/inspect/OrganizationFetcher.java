package dev.assumeroledoctor.inspect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Organization;
import software.amazon.awssdk.services.organizations.model.Parent;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyType;

/** Reads an account's place in the organization and the SCPs/RCPs along its path. */
final class OrganizationFetcher {
    private final OrganizationsClient organizations;

    OrganizationFetcher(OrganizationsClient organizations) {
        this.organizations = organizations;
    }

    /** Empty when there is no organization (AWSOrganizationsNotInUseException). */
    Optional<Organization> organization() {
        return Calls.optional("organizations:DescribeOrganization", "the organization",
                () -> organizations.describeOrganization().organization());
    }

    /** The account's ancestors from the root down (ListParents up to the root); empty outside the organization. */
    Optional<List<String>> path(String accountId) {
        List<String> path = new ArrayList<>();
        String child = accountId;
        while (true) {
            String current = child;
            Optional<List<Parent>> parents = Calls.optional("organizations:ListParents", current,
                    () -> organizations.listParentsPaginator(p -> p.childId(current)).stream().flatMap(r -> r.parents().stream()).toList());
            if (parents.isEmpty() || parents.get().isEmpty()) {
                return path.isEmpty() ? Optional.empty() : Optional.of(reversed(path));
            }
            Parent parent = parents.get().get(0);
            path.add(parent.id());
            if (parent.typeAsString().equals("ROOT")) {
                return Optional.of(reversed(path));
            }
            child = parent.id();
        }
    }

    List<PolicySummary> policiesFor(String targetId, PolicyType type) {
        return Calls.required("organizations:ListPoliciesForTarget", targetId,
                () -> organizations.listPoliciesForTargetPaginator(p -> p.targetId(targetId).filter(type)).stream().flatMap(r -> r.policies().stream()).toList());
    }

    /** One entry of the organization file's {@code Policies}, with its content as a JSON object. */
    ObjectNode policy(PolicySummary summary) {
        String content = Calls.required("organizations:DescribePolicy", summary.id(),
                () -> organizations.describePolicy(p -> p.policyId(summary.id())).policy().content());
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("Id", summary.id());
        node.put("Name", summary.name());
        node.put("Type", summary.typeAsString());
        node.set("Content", IamFetcher.document(content));
        return node;
    }

    private static List<String> reversed(List<String> path) {
        List<String> copy = new ArrayList<>(path);
        Collections.reverse(copy);
        return copy;
    }
}
