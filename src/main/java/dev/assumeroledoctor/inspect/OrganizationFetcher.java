package dev.assumeroledoctor.inspect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import java.util.ArrayList;
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

    /** The root's id (ListRoots); empty outside an organization. */
    Optional<String> root() {
        return Calls.optional("organizations:ListRoots", "the organization", () -> organizations.listRoots().roots())
                .flatMap(roots -> roots.stream().findFirst()).map(r -> r.id());
    }

    /** A child's parent (ListParents); empty outside the organization. */
    Optional<Parent> parent(String childId) {
        return Calls.optional("organizations:ListParents", childId,
                () -> organizations.listParentsPaginator(p -> p.childId(childId)).stream().flatMap(r -> r.parents().stream()).toList())
                .flatMap(parents -> parents.stream().findFirst());
    }

    /*
     * An organization without RCPs enabled answers PolicyTypeNotEnabled, and an account outside
     * the organization (its own attachments are asked before its place is known) is not found:
     * both are "none", not a gap.
     */
    List<PolicySummary> enabledPolicies(String target, PolicyType type) {
        try {
            return Calls.optional("organizations:ListPoliciesForTarget", target, () -> organizations.listPoliciesForTargetPaginator(
                    p -> p.targetId(target).filter(type)).stream().flatMap(r -> r.policies().stream()).toList()).orElse(List.of());
        } catch (InspectionDenied e) {
            if (e.getMessage().contains("PolicyTypeNotEnabled")) {
                return List.of();
            }
            throw e;
        }
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
}
