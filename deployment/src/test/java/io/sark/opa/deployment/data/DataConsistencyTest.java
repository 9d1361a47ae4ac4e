package io.sark.opa.deployment.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyData;
import io.sark.opa.PolicyEvaluator;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Decisions on event loops and on worker threads, while updates change the data again and again: each
 * decision's two fields come from one version of the data (never half of an update), and no thread sees a
 * version older than one it has seen before.
 */
class DataConsistencyTest {

    private static final int UPDATES = 40;
    private static final int WORKERS = 3;
    private static final int EVENT_LOOPS = 2;

    @RegisterExtension
    static final QuarkusUnitTest app = DataFixtures.app()
            .overrideConfigKey("quarkus.sark-opa.pool-size", String.valueOf(WORKERS));

    @Inject
    PolicyData data;

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    Vertx vertx;

    @Test
    void everyDecisionSeesOneVersionOfTheData() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicLong decisions = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(WORKERS + EVENT_LOOPS);
        for (int i = 0; i < WORKERS; i++) {
            Thread worker = new Thread(() -> {
                long[] seen = { -1 };
                try {
                    while (!stop.get()) {
                        check(seen, problems, decisions);
                    }
                } finally {
                    finished.countDown();
                }
            }, "decider-" + i);
            worker.start();
        }
        for (int i = 0; i < EVENT_LOOPS; i++) {
            Context loop = vertx.getOrCreateContext(); // each on an event loop of its own, round robin
            decideInBursts(loop, new long[] { -1 }, stop, problems, decisions, finished);
        }

        for (int version = 1; version <= UPDATES; version++) {
            // both fields change in one update, by a path above them
            data.put("store", Map.of("a", version, "b", version * 10, "roles", Map.of(), "list", List.of()));
            Thread.sleep(5);
        }
        stop.set(true);
        assertThat(finished.await(30, TimeUnit.SECONDS)).as(() -> finished.getCount() + " deciders did not stop; "
                + problems.stream().limit(5).toList()).isTrue();

        assertThat(problems).isEmpty();
        assertThat(decisions.get()).isGreaterThan(UPDATES);
        JsonNode last = DataFixtures.json(evaluator.evaluateBlocking("pair/both", Map.of()).value());
        assertThat(last.get("a").asLong()).isEqualTo(UPDATES);
    }

    // short bursts, so as not to hold an event loop for long
    private void decideInBursts(Context loop, long[] seen, AtomicBoolean stop, Queue<String> problems,
            AtomicLong decisions, CountDownLatch finished) {
        loop.runOnContext(v -> {
            if (!Context.isOnEventLoopThread()) {
                problems.add("not on an event loop: " + Thread.currentThread().getName());
            }
            for (int i = 0; i < 20; i++) {
                check(seen, problems, decisions);
            }
            if (stop.get()) {
                finished.countDown();
            } else {
                decideInBursts(loop, seen, stop, problems, decisions, finished);
            }
        });
    }

    private void check(long[] seen, Queue<String> problems, AtomicLong decisions) {
        JsonNode both;
        try {
            both = DataFixtures.json(evaluator.evaluateBlocking("pair/both", Map.of()).value());
        } catch (RuntimeException | Error e) {
            problems.add("failed on " + Thread.currentThread().getName() + ": " + e);
            return;
        }
        long a = both.get("a").asLong();
        long b = both.get("b").asLong();
        decisions.incrementAndGet();
        if (b != a * 10) {
            problems.add("mixed versions on " + Thread.currentThread().getName() + ": " + both);
        }
        if (a < seen[0]) {
            problems.add("version " + a + " after " + seen[0] + " on " + Thread.currentThread().getName());
        }
        seen[0] = a;
    }
}
