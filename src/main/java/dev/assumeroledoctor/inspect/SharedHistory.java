package dev.assumeroledoctor.inspect;

import dev.assumeroledoctor.history.HistorySource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The diagnoses' history lookups, shared in a warm container: the successes on a role's account
 * and the recent changes of an account or of the organization are read once per {@link #TTL} and
 * answer every diagnosis that asks in that time, concurrent ones included (they wait on the one
 * lookup under way). CloudTrail answers two lookups a second per account and region, shared with
 * everyone in the account: a storm of failures on one role must not spend them. Only complete
 * answers are kept; a refusal or a fault is never cached. Bounded: at most {@link #MAX_ENTRIES}.
 * The change watch does not use it: it must read what happened up to the change.
 */
final class SharedHistory extends dev.assumeroledoctor.history.ForwardingHistory {
    static final Duration TTL = Duration.ofSeconds(60);
    static final int MAX_ENTRIES = 512;
    private final HistorySource source;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(CompletableFuture<Records> answer, Instant expires) {
    }

    SharedHistory(HistorySource source, Clock clock) {
        super(source);
        this.source = source;
        this.clock = clock;
    }


    @Override
    public Records successes(String account, Instant since) {
        return shared("successes/" + account, () -> source.successes(account, since));
    }

    @Override
    public Records iamChanges(String account, Instant since) {
        return shared("iam/" + account, () -> source.iamChanges(account, since));
    }

    @Override
    public Records organizationChanges(Instant since) {
        return shared("organizations", () -> source.organizationChanges(since));
    }






    /** Entries held now. */
    int size() {
        return entries.size();
    }

    private Records shared(String key, Supplier<Records> lookup) {
        Instant now = clock.instant();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !e.expires().isAfter(now));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        CompletableFuture<Records> mine = new CompletableFuture<>();
        Entry entry = entries.compute(key, (k, old) -> old != null && old.expires().isAfter(now) ? old : new Entry(mine, now.plus(TTL)));
        if (entry.answer() != mine) {
            try {
                return entry.answer().join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Records records = lookup.get();
            mine.complete(records);
            return records;
        } catch (RuntimeException e) {
            entries.remove(key, entry);
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
