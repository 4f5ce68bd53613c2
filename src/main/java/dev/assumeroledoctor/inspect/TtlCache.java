package dev.assumeroledoctor.inspect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A cache across invocations of a warm container: a storm of identical failures costs a handful
 * of IAM calls, not thousands. Thread-safe. Loads run outside any lock (they are network calls):
 * two concurrent misses of one key may both load, and the later one wins. Failures are not cached.
 */
final class TtlCache<K, V> {
    private record Entry<V>(V value, Instant expires) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;
    private final int maxEntries;

    TtlCache(Duration ttl, Clock clock, int maxEntries) {
        this.ttl = ttl;
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    void clear() {
        entries.clear();
    }

    /** The live entry for the key, without loading. */
    java.util.Optional<V> peek(K key) {
        Entry<V> entry = entries.get(key);
        return entry != null && entry.expires().isAfter(clock.instant()) ? java.util.Optional.of(entry.value()) : java.util.Optional.empty();
    }

    /** Stores what an asynchronous load produced. */
    void put(K key, V value) {
        Instant now = clock.instant();
        makeRoom(now);
        entries.put(key, new Entry<>(value, now.plus(ttl)));
    }

    /*
     * Bounded: a full cache drops what has expired, then the tenth of its entries that expire
     * soonest (the oldest), so it keeps caching new reads instead of refusing them.
     */
    private void makeRoom(Instant now) {
        if (entries.size() < maxEntries) {
            return;
        }
        entries.entrySet().removeIf(e -> !e.getValue().expires().isAfter(now));
        if (entries.size() >= maxEntries) {
            entries.entrySet().stream().sorted(java.util.Map.Entry.comparingByValue(java.util.Comparator.comparing(Entry::expires)))
                    .limit(Math.max(1, maxEntries / 10)).map(java.util.Map.Entry::getKey).toList().forEach(entries::remove);
        }
    }

    V get(K key, Supplier<V> loader) {
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.expires().isAfter(now)) {
            return entry.value();
        }
        V value = loader.get();
        put(key, value);
        return value;
    }
}
