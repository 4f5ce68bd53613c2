package dev.assumeroledoctor.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the organization file of {@code snapshot.md}. */
public final class OrganizationFileReader {
    private OrganizationFileReader() {
    }

    public static OrganizationSnapshot read(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new SnapshotException(source + ": an organization file must be a JSON object");
        }
        JsonNode org = root.path("Organization");
        String id = Json.text(org, "Id")
                .orElseThrow(() -> new SnapshotException(source + ": Organization.Id is required"));
        String management = Json.text(org, "MasterAccountId")
                .or(() -> Json.text(org, "ManagementAccountId"))
                .orElseThrow(() -> new SnapshotException(source + ": Organization.MasterAccountId is required"));
        Map<String, List<String>> paths = new LinkedHashMap<>();
        root.path("Accounts").fields().forEachRemaining(e -> paths.put(e.getKey(), Json.strings(e.getValue().path("Path"))));
        Map<String, OrganizationPolicy> policies = new LinkedHashMap<>();
        JsonNode list = root.path("Policies");
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String path = source + ": Policies[" + i + "]";
            String policyId = Json.text(node, "Id").orElseThrow(() -> new SnapshotException(path + ": Id is required"));
            OrganizationPolicyType type;
            try {
                type = OrganizationPolicyType.valueOf(Json.text(node, "Type").orElse(""));
            } catch (IllegalArgumentException e) {
                throw new SnapshotException(path + ": Type must be SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY", e);
            }
            policies.put(policyId, new OrganizationPolicy(policyId, Json.text(node, "Name").orElse(policyId), type,
                    AuthorizationDetailsReader.stored(node.path("Content"), path + ".Content")));
        }
        Map<String, List<String>> targets = new LinkedHashMap<>();
        root.path("Targets").fields().forEachRemaining(e -> {
            List<String> ids = Json.strings(e.getValue());
            ids.stream().filter(p -> !policies.containsKey(p)).findFirst().ifPresent(p -> {
                throw new SnapshotException(source + ": Targets." + e.getKey() + " names policy " + p + ", which Policies does not hold");
            });
            targets.put(e.getKey(), ids);
        });
        return new OrganizationSnapshot(id, management, paths, policies, targets);
    }
}
