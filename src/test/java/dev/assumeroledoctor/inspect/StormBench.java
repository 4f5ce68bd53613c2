package dev.assumeroledoctor.inspect;

import java.net.URI;

/**
 * bench/storm.sh: N failures through the whole handler in one warm container (live inspection
 * against moto, history against a local LookupEvents endpoint, the ledger in moto), first N
 * identical ones, then N from 50 callers on the same role. Prints wall time and the calls made.
 * Goals: identical, at most 10 LookupEvents and 10 IAM calls in all; 50 callers, at most 2
 * LookupEvents per caller.
 */
public final class StormBench {
    private StormBench() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int n = Integer.parseInt(args[1]);
        String mode = args[2];
        StormTest.Storm storm = StormTest.storm(endpoint);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            storm.invoke(StormTest.event(storm.event(), i, mode.equals("identical") ? "ci-user" : "ci-user-" + (i % 50)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        storm.trail().close();
        System.out.printf("%s: %d events in %.1f s (%.1f ms each): LookupEvents %d, IAM calls %d, Organizations calls %d%n", mode, n, seconds,
                seconds * 1000 / n, storm.trail().requests.size(), storm.counter().total("Iam"), storm.counter().total("Organizations"));
    }
}
