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
        String id = Fields.text(org, "Id", source + ": Organization")
                .orElseThrow(() -> new SnapshotException(source + ": Organization.Id is required"));
        String management = Fields.text(org, "MasterAccountId", source + ": Organization")
                .or(() -> Fields.text(org, "ManagementAccountId", source + ": Organization"))
                .orElseThrow(() -> new SnapshotException(source + ": Organization.MasterAccountId is required"));
        if (!management.matches("\\d{12}")) {
            throw new SnapshotException(source + ": Organization.MasterAccountId: \"" + management + "\" is not a 12-digit account id");
        }
        Map<String, List<String>> paths = new LinkedHashMap<>();
        JsonNode accounts = root.path("Accounts");
        if (!accounts.isObject()) {
            throw new SnapshotException(source + ": Accounts is required, an object of account id to {\"Path\": [root, OUs…]}");
        }
        accounts.fields().forEachRemaining(e -> {
            if (!e.getKey().matches("\\d{12}")) {
                throw new SnapshotException(source + ": Accounts." + e.getKey() + ": the key must be a 12-digit account id");
            }
            paths.put(e.getKey(), parentChain(e.getValue(), source + ": Accounts." + e.getKey()));
        });
        Map<String, OrganizationPolicy> policies = new LinkedHashMap<>();
        JsonNode list = root.path("Policies");
        if (!list.isArray()) {
            throw new SnapshotException(source + ": Policies is required, an array of {Id, Name, Type, Content}");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String path = source + ": Policies[" + i + "]";
            if (!node.isObject()) {
                throw new SnapshotException(path + ": must be an object");
            }
            String policyId = Fields.required(node, "Id", path);
            OrganizationPolicyType type;
            try {
                type = OrganizationPolicyType.valueOf(Fields.text(node, "Type", path).orElse(""));
            } catch (IllegalArgumentException e) {
                throw new SnapshotException(path + ": Type must be SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY", e);
            }
            policies.put(policyId, new OrganizationPolicy(policyId, Fields.text(node, "Name", path).orElse(policyId), type,
                    AuthorizationDetailsReader.stored(node.path("Content"), path + ".Content")));
        }
        Map<String, List<String>> targets = new LinkedHashMap<>();
        JsonNode targetNode = root.path("Targets");
        if (!targetNode.isObject()) {
            throw new SnapshotException(source + ": Targets is required, an object of root, OU or account id to policy ids");
        }
        targetNode.fields().forEachRemaining(e -> {
            if (!e.getValue().isArray()) {
                throw new SnapshotException(source + ": Targets." + e.getKey() + ": must be an array of policy ids");
            }
            if (!e.getKey().matches("r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\\d{12}")) {
                throw new SnapshotException(source + ": Targets." + e.getKey() + " is no root, OU or account id");
            }
            List<String> ids = Json.strings(e.getValue());
            ids.stream().filter(p -> !policies.containsKey(p)).findFirst().ifPresent(p -> {
                throw new SnapshotException(source + ": Targets." + e.getKey() + " names policy " + p + ", which Policies does not hold");
            });
            targets.put(e.getKey(), ids);
        });
        java.util.Set<String> outside = new java.util.LinkedHashSet<>();
        JsonNode outsideNode = root.path("OutsideAccounts");
        if (!outsideNode.isMissingNode() && !outsideNode.isNull()) {
            if (!outsideNode.isArray()) {
                throw new SnapshotException(source + ": OutsideAccounts must be an array of 12-digit account ids");
            }
            for (int i = 0; i < outsideNode.size(); i++) {
                JsonNode account = outsideNode.get(i);
                if (!account.isTextual() || !account.textValue().matches("\\d{12}")) {
                    throw new SnapshotException(source + ": OutsideAccounts[" + i + "]: " + account + " is no 12-digit account id");
                }
                if (paths.containsKey(account.textValue())) {
                    throw new SnapshotException(source + ": OutsideAccounts[" + i + "]: " + account.textValue()
                            + " is also placed under Accounts: an account is inside the organization or outside it");
                }
                outside.add(account.textValue());
            }
        }
        return new OrganizationSnapshot(id, management, paths, policies, targets, outside);
    }

    /* The account's parents from the root down, as ListParents walks them: never empty, the root first. */
    private static List<String> parentChain(JsonNode account, String path) {
        JsonNode chain = account.path("Path");
        if (!chain.isArray() || chain.isEmpty() || !chain.get(0).asText().startsWith("r-")) {
            throw new SnapshotException(path + ".Path: the account's parent chain is required, root first (e.g. [\"r-ab12\", \"ou-ab12-11111111\"])");
        }
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode parent : chain) {
            if (!parent.isTextual() || !(parent.textValue().startsWith("r-") || parent.textValue().startsWith("ou-"))) {
                throw new SnapshotException(path + ".Path: " + parent + " is no root or OU id");
            }
            out.add(parent.textValue());
        }
        return out;
    }
}
