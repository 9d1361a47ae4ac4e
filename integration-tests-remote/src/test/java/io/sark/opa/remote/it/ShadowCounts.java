package io.sark.opa.remote.it;

import io.sark.opa.ShadowStats;
import java.time.Duration;

/** Shadow evaluations finish in the background: the tests wait for them to be counted. */
final class ShadowCounts {

    private ShadowCounts() {}

    static void awaitTotal(ShadowStats stats, long total, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (total(stats) < total && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (total(stats) != total) {
            throw new AssertionError("expected " + total + " shadow outcomes within " + wait + ", counted agreements "
                    + stats.agreements() + ", disagreements " + stats.disagreements() + ", errors " + stats.errors());
        }
    }

    private static long total(ShadowStats stats) {
        return stats.agreements() + stats.disagreements() + stats.errors();
    }
}
