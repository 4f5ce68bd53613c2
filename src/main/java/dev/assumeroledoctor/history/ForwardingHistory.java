package dev.assumeroledoctor.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A history over another, every read passed on: a decorator overrides only the reads it changes. */
public abstract class ForwardingHistory implements HistorySource {
    private final HistorySource source;

    protected ForwardingHistory(HistorySource source) {
        this.source = source;
    }

    @Override
    public List<String> regions() {
        return source.regions();
    }

    @Override
    public Records successes(String account, Instant since) {
        return source.successes(account, since);
    }

    @Override
    public Optional<java.util.Map<String, Records>> successesOf(List<String> accounts, Instant since) {
        return source.successesOf(accounts, since);
    }

    @Override
    public Records iamChanges(String account, Instant since) {
        return source.iamChanges(account, since);
    }

    @Override
    public Records organizationChanges(Instant since) {
        return source.organizationChanges(since);
    }

    @Override
    public Optional<JsonNode> callerCopy(String callerAccount, JsonNode roleAccountRecord) {
        return source.callerCopy(callerAccount, roleAccountRecord);
    }

    @Override
    public List<String> accountsUnder(String targetId) {
        return source.accountsUnder(targetId);
    }

    @Override
    public Set<String> policyTargets(String policyId) {
        return source.policyTargets(policyId);
    }

    @Override
    public Attachments attachedTo(String account, String policyArn) {
        return source.attachedTo(account, policyArn);
    }

    @Override
    public Set<String> groupMembers(String account, String groupName) {
        return source.groupMembers(account, groupName);
    }
}
