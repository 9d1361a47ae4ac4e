package io.sark.opa.benchmarks;

import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.standalone.StandaloneEvaluator;
import java.util.concurrent.TimeUnit;
import org.jboss.logmanager.LogContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.Jedis;

/**
 * A repeated decision as a user gets it from {@link PolicyEvaluator#evaluateBlocking} with
 * {@code quarkus.sark-opa.cache.enabled=true} (canonical-JSON key, quarkus-cache Caffeine lookup), beside the
 * same call with the cache off and a Redis GET of the decision's payload on loopback, as a gateway that keeps
 * decisions in Redis would pay. The Redis side is only the GET: no key derivation, no parsing of the payload.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CachedDecisionBenchmark {

    /** 16: the demo policy's own input; 1536: a realistic gateway request. */
    @Param({"16", "1536"})
    public int inputBytes;

    private byte[] input;
    private PolicyEvaluator cached;
    private PolicyEvaluator uncached;

    @Setup(Level.Trial)
    public void setUp() {
        input = inputBytes == 16 ? DemoPolicy.utf8(DemoPolicy.SMALL_INPUT) : GatewayInputs.ofSize(inputBytes);
        OpaPolicy policy = SarkEngine.policy("demo", DemoPolicy.wasm(), DemoPolicy.DATA);
        // Quarkus logs at INFO; unconfigured, JBoss LogManager would build a record for every trace line
        LogContext.getLogContext().getLogger("").setLevel(java.util.logging.Level.INFO);
        cached = evaluator(policy, true);
        uncached = evaluator(policy, false);
        for (PolicyEvaluator evaluator : new PolicyEvaluator[] {cached, uncached}) {
            if (!evaluator.evaluateBlocking(DemoPolicy.ENTRYPOINT, input).allowed()) {
                throw new IllegalStateException("the demo policy did not allow alice");
            }
        }
    }

    /** The extension's evaluator with the settings' defaults, and docs/cache.md's example cache size. */
    private static PolicyEvaluator evaluator(OpaPolicy policy, boolean cacheEnabled) {
        return StandaloneEvaluator.builder()
                .policy(policy, DemoPolicy.wasm(), DemoPolicy.utf8(DemoPolicy.DATA))
                .config("quarkus.sark-opa.cache.enabled", Boolean.toString(cacheEnabled))
                .cacheMaximumSize(10_000)
                .build();
    }

    @Benchmark
    public Decision cachedDecision() {
        return cached.evaluateBlocking(DemoPolicy.ENTRYPOINT, input);
    }

    @Benchmark
    public Decision uncachedDecision() {
        return uncached.evaluateBlocking(DemoPolicy.ENTRYPOINT, input);
    }

    @Benchmark
    public byte[] redisGet(RedisDecision redis) {
        return redis.get();
    }

    /** A connection to the Redis server at {@code -Dsark.redis.port} holding one decision payload. */
    @State(Scope.Thread)
    public static class RedisDecision {

        private static final byte[] KEY = DemoPolicy.utf8("sark-opa:decision");
        /** The demo policy's result set for alice, as the engine returns it. */
        private static final byte[] PAYLOAD = DemoPolicy.utf8("[{\"result\":true}]");

        private Jedis jedis;

        @Setup(Level.Trial)
        public void connect() {
            // no default port: a Redis server that the run did not start might hold other data or be remote
            String port = System.getProperty("sark.redis.port");
            if (port == null) {
                throw new IllegalStateException("-Dsark.redis.port is not set: benchmarks/run.sh starts the server");
            }
            jedis = new Jedis("127.0.0.1", Integer.parseInt(port));
            jedis.set(KEY, PAYLOAD);
        }

        byte[] get() {
            return jedis.get(KEY);
        }

        @TearDown(Level.Trial)
        public void close() {
            jedis.close();
        }
    }
}
