package dev.assumeroledoctor.snapshot;

public enum OrganizationPolicyType {
    SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY
}
