package dev.assumeroledoctor.inspect;

import dev.assumeroledoctor.snapshot.Inspection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.snapshot.DataGap;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Everything one inspection gathers, from several threads: the accounts' files, the organization, and what could not be read. */
final class InspectionWork {
    /** Where {@link IamFetcher#role} notes the refused reads of a role's own policies, taken off before the role is filed. */
    static final String UNREAD = "x-unread";
    private final Map<String, ObjectNode> accounts = new ConcurrentHashMap<>();
    private final List<DataGap> gaps = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    private volatile ObjectNode organization;

    ObjectNode account(String id) {
        return accounts.computeIfAbsent(id, k -> {
            ObjectNode node = Json.mapper().createObjectNode();
            for (String list : List.of("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")) {
                node.putArray(list);
            }
            return node;
        });
    }

    void add(String account, String list, ObjectNode entry) {
        ObjectNode filed = entry;
        if (entry.has(UNREAD)) {
            // the role is read (its trust policy decides who may assume it); its own policies are a gap of what its sessions may do
            filed = entry.deepCopy();
            String arn = filed.path("Arn").asText();
            for (JsonNode refusal : filed.remove(UNREAD)) {
                gaps.add(new DataGap(refusal.path("api").asText() + " on " + arn, refusal.path("why").asText(), DataGap.Decision.ROLE_OWN_POLICIES));
            }
            unreadable.add(Snapshot.policiesOf(arn));
        }
        ObjectNode file = account(account);
        synchronized (file) {
            ArrayNode array = (ArrayNode) file.get(list);
            for (var existing : array) {
                if (existing.path("Arn").equals(filed.path("Arn"))) {
                    return;
                }
            }
            array.add(filed);
        }
    }

    void gap(DataGap gap, String subject) {
        gaps.add(gap);
        if (subject.startsWith("arn:")) {
            unreadable.add(subject);
        }
    }

    void organization(ObjectNode file) {
        organization = file;
    }

    Inspection result() {
        return new Inspection(new LinkedHashMap<>(accounts), Optional.ofNullable(organization), List.copyOf(gaps), Set.copyOf(unreadable));
    }
}
