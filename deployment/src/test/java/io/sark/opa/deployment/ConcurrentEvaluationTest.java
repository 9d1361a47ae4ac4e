package io.sark.opa.deployment;

import io.sark.opa.runtime.engine.EmbeddedEngine;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_DATA;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_ENTRYPOINT;
import static io.sark.opa.deployment.PolicyFixtures.demoWasm;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.engine.InstancePool;
import io.sark.opa.engine.OpaInstance;
import io.sark.opa.runtime.engine.LoadedPolicy;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of evaluations at once, from every Vert.x event loop and from worker threads: every decision is
 * right, and the event loops evaluate on instances of their own, never on the (small) pool.
 */
class ConcurrentEvaluationTest {

    static final int EVENT_LOOPS = 4;
    static final int POOL_SIZE = 2;
    static final String[] USERS = {"alice", "bob", "mallory"};

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                jar.addAsResource(new ByteArrayAsset(demoWasm()), "policies/demo.wasm");
                jar.addAsResource(new ByteArrayAsset(utf8(DEMO_DATA)), "policies/demo.data.json");
            })
            .overrideConfigKey("quarkus.vertx.event-loops-pool-size", Integer.toString(EVENT_LOOPS))
            .overrideConfigKey("quarkus.sark-opa.pool-size", Integer.toString(POOL_SIZE))
            .overrideConfigKey("quarkus.http.test-port", "0"); // no fixed port on a shared machine

    @Inject
    PolicyEvaluator evaluator;


    @Inject

    EmbeddedEngine embedded;

    @Inject
    Vertx vertx;

    static boolean expected(String user) {
        return user.equals("alice");
    }

    static String inputOf(String user) {
        return "{\"user\":\"" + user + "\"}";
    }

    LoadedPolicy demo() {
        return embedded.registry().policyFor(DEMO_ENTRYPOINT);
    }

    /**
     * Runs {@code perContext} evaluations on each of {@code contexts} event-loop contexts, one task each so they
     * interleave, and returns what went wrong (wrong decisions, exceptions, evaluations off the event loop).
     */
    Queue<String> onEventLoops(int contexts, int perContext, Set<String> threads, CountDownLatch start)
            throws InterruptedException {
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(contexts * perContext);
        // a verticle instance per context: each gets an event-loop context of its own, round-robin over the loops
        Queue<Context> started = new ConcurrentLinkedQueue<>();
        String deployment = await(vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                started.add(context);
            }
        }, new DeploymentOptions().setInstances(contexts)));
        List<Context> loops = new ArrayList<>(started);
        assertThat(loops).hasSize(contexts);
        start.await();
        for (int i = 0; i < perContext; i++) {
            for (int c = 0; c < contexts; c++) {
                String user = USERS[(i + c) % USERS.length];
                boolean viaUni = (i % 2) == 0;
                loops.get(c).runOnContext(ignored -> {
                    String thread = Thread.currentThread().getName();
                    if (!Context.isOnEventLoopThread()) {
                        problems.add("not on an event loop: " + thread);
                    }
                    threads.add(thread);
                    Consumer<Boolean> check = allowed -> {
                        if (allowed != expected(user)) {
                            problems.add(user + " got allowed=" + allowed + " on " + thread);
                        }
                        done.countDown();
                    };
                    Consumer<Throwable> fail = t -> {
                        problems.add(user + " failed on " + thread + ": " + t);
                        done.countDown();
                    };
                    if (viaUni) { // the Uni evaluates on the subscribing thread: this event loop
                        evaluator.evaluate(DEMO_ENTRYPOINT, inputOf(user)).subscribe()
                                .with(decision -> check.accept(decision.allowed()), fail);
                    } else {
                        try {
                            check.accept(evaluator.evaluateBlocking(DEMO_ENTRYPOINT, Map.of("user", user)).allowed());
                        } catch (RuntimeException e) {
                            fail.accept(e);
                        }
                    }
                });
            }
        }
        assertThat(done.await(2, TimeUnit.MINUTES)).as("event-loop evaluations finished").isTrue();
        await(vertx.undeploy(deployment));
        return problems;
    }

    static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eventLoopsNeverTouchThePool() throws Exception {
        LoadedPolicy demo = demo();
        InstancePool pool = demo.pool();
        assertThat(pool.size()).isEqualTo(POOL_SIZE);
        long waitsBefore = pool.waits();
        // Hold every pooled instance: an event loop that borrowed would have to wait (and count a wait).
        List<OpaInstance> held = new ArrayList<>();
        for (int i = 0; i < POOL_SIZE; i++) {
            held.add(pool.borrow(Duration.ofSeconds(5)));
        }
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Queue<String> problems;
        try {
            problems = onEventLoops(2 * EVENT_LOOPS, 500, threads, new CountDownLatch(0));
        } finally {
            held.forEach(pool::release);
        }
        assertThat(problems).isEmpty();
        assertThat(threads).as("every event loop evaluated").hasSize(EVENT_LOOPS);
        assertThat(pool.waits()).as("waits for a pooled instance").isEqualTo(waitsBefore);
    }

    @Test
    void eventLoopsAndWorkersAtOnce() throws Exception {
        int workers = 16;
        int perWorker = 250;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(workers);
        AtomicInteger workerEvaluations = new AtomicInteger();
        Queue<String> workerProblems = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                int offset = w;
                futures.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWorker; i++) {
                        String user = USERS[(i + offset) % USERS.length];
                        try {
                            boolean allowed = evaluator.evaluateBlocking(DEMO_ENTRYPOINT, inputOf(user)).allowed();
                            if (allowed != expected(user)) {
                                workerProblems.add(user + " got allowed=" + allowed + " on a worker");
                            }
                            workerEvaluations.incrementAndGet();
                        } catch (RuntimeException e) {
                            workerProblems.add(user + " failed on a worker: " + e);
                        }
                    }
                    return null;
                }));
            }
            Set<String> threads = ConcurrentHashMap.newKeySet();
            Thread opener = new Thread(start::countDown);
            opener.start(); // the workers start while the event-loop tasks are being queued
            Queue<String> loopProblems = onEventLoops(2 * EVENT_LOOPS, 500, threads, start);
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
            assertThat(loopProblems).isEmpty();
            assertThat(threads).hasSize(EVENT_LOOPS);
            assertThat(workerProblems).isEmpty();
            assertThat(workerEvaluations).hasValue(workers * perWorker);
        } finally {
            executor.shutdownNow();
        }
    }
}
