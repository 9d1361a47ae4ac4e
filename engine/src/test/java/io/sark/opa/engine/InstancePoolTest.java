package io.sark.opa.engine;

import static io.sark.opa.engine.AbiModules.module;
import static io.sark.opa.engine.DemoPolicyTest.ENTRYPOINT;
import static io.sark.opa.engine.DemoPolicyTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InstancePoolTest {

    @Test
    void manyThreadsShareAFewInstancesAndEveryDecisionIsRight() throws Exception {
        InstancePool pool = new InstancePool(DemoPolicyTest.demoPolicy(false, true), 2);
        String[] users = {"alice", "bob", "mallory"};
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int offset = t;
                results.add(threads.submit(() -> {
                    int right = 0;
                    for (int i = 0; i < 500; i++) {
                        String user = users[(i + offset) % users.length];
                        OpaInstance instance = pool.borrow(Duration.ofSeconds(30));
                        try {
                            String result = instance.evaluate(ENTRYPOINT, bytes("{\"user\":\"" + user + "\"}"), null);
                            boolean expected = user.equals("alice");
                            if (result.equals("[{\"result\":" + expected + "}]")) {
                                right++;
                            }
                        } finally {
                            pool.release(instance);
                        }
                    }
                    return right;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(500);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void brokenInstanceIsReplacedAndAnEmptyPoolTimesOut() {
        OpaPolicy aborting = OpaPolicy.builder("aborting", module()
                .eval("(call $opa_abort (i32.const 576)) (i32.const 0)").build()).build();
        InstancePool pool = new InstancePool(aborting, 1);
        OpaInstance first = pool.borrow(Duration.ofSeconds(1));
        assertThatThrownBy(() -> first.evaluate("allow", bytes("{}"), null)).isInstanceOf(PolicyAbortException.class);
        assertThatThrownBy(() -> pool.borrow(Duration.ofMillis(50)))
                .isInstanceOf(PoolExhaustedException.class)
                .hasMessageContaining("'aborting'");
        assertThat(pool.waits()).isEqualTo(1);
        pool.release(first);
        OpaInstance second = pool.borrow(Duration.ofSeconds(1));
        assertThat(second).isNotSameAs(first);
        assertThat(second.isBroken()).isFalse();
    }

    @Test
    void memoryPagesCountBorrowedAndIdleInstancesButNotBrokenOnes() {
        OpaPolicy aborting = OpaPolicy.builder("aborting", module()
                .eval("(call $opa_abort (i32.const 576)) (i32.const 0)").build()).build();
        InstancePool pool = new InstancePool(aborting, 2);
        assertThat(pool.memoryPages()).isZero();
        OpaInstance first = pool.borrow(Duration.ofSeconds(1));
        OpaInstance second = pool.borrow(Duration.ofSeconds(1));
        int pagesEach = first.memoryPages();
        assertThat(pagesEach).isPositive();
        assertThat(pool.memoryPages()).isEqualTo(2L * pagesEach);
        pool.release(second);
        assertThat(pool.memoryPages()).isEqualTo(2L * pagesEach); // idle instances keep their memory
        assertThatThrownBy(() -> first.evaluate("allow", bytes("{}"), null)).isInstanceOf(PolicyAbortException.class);
        pool.release(first);
        assertThat(pool.memoryPages()).isEqualTo(pagesEach); // the broken one is dropped
    }
}
