package dev.assumeroledoctor.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The inspector's cache: bounded, and still caching new reads once full (the oldest make room). */
class TtlCacheTest {
    @Test
    void aFullCacheDropsItsOldestEntriesAndKeepsCaching() {
        TtlCache<String, Integer> cache = new TtlCache<>(Duration.ofMinutes(5), Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC), 100);
        for (int i = 0; i < 1_000; i++) {
            cache.put("k" + i, i);
        }
        assertThat(cache.peek("k999")).contains(999);
        int[] loads = {0};
        assertThat(cache.get("k999", () -> ++loads[0])).isEqualTo(999);
        assertThat(loads[0]).isZero();
        long kept = java.util.stream.IntStream.range(0, 1_000).filter(i -> cache.peek("k" + i).isPresent()).count();
        assertThat(kept).isLessThanOrEqualTo(100);
    }

    @Test
    void anExpiredEntryIsLoadedAgain() {
        Instant[] now = {Instant.parse("2026-12-01T00:00:00Z")};
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        };
        TtlCache<String, Integer> cache = new TtlCache<>(Duration.ofMinutes(5), clock, 10);
        assertThat(cache.get("a", () -> 1)).isEqualTo(1);
        now[0] = now[0].plus(Duration.ofMinutes(6));
        assertThat(cache.peek("a")).isEmpty();
        assertThat(cache.get("a", () -> 2)).isEqualTo(2);
    }
}
