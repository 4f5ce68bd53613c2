package dev.assumeroledoctor.inspect;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for a concurrent read: its failure comes out as itself (a refusal, a fault), not wrapped. */
final class Async {
    private Async() {
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw cause instanceof RuntimeException r ? r : e;
        }
    }
}
