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
 *
 * <p>The demo policy is a module OPA built: its key is the whole input. The {@code Gateway} pair decides with the
 * sample gateway's plan, compiled by this project, which reads {@code input.user} and {@code input.tool} only, on a
 * gateway request of {@code inputBytes} (the smallest request, about 270 bytes, for 16).
 * {@code cachedGatewayDecisionNewRequestId} sends a new {@code x-request-id} header every time, as real requests
 * do: the exact bytes never repeat, so every call is answered by the key of what the policy reads (the projection).
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

    private static final String GATEWAY = "plan:gateway-tools@gateway/tools/allow";
    private static final byte[] REQUEST_ID = DemoPolicy.utf8("3f6c2a1e");

    private byte[] input;
    private PolicyEvaluator cached;
    private PolicyEvaluator uncached;
    private String gatewayEntrypoint;
    private byte[] gatewayInput;
    private int requestIdAt;
    private long requests;
    private PolicyEvaluator cachedGateway;
    private PolicyEvaluator uncachedGateway;

    @Setup(Level.Trial)
    public void setUp() {
        input = inputBytes == 16 ? DemoPolicy.utf8(DemoPolicy.SMALL_INPUT) : GatewayInputs.ofSize(inputBytes);
        OpaPolicy policy = SarkEngine.policy("demo", DemoPolicy.wasm(), DemoPolicy.DATA);
        // Quarkus logs at INFO; unconfigured, JBoss LogManager would build a record for every trace line
        LogContext.getLogContext().getLogger("").setLevel(java.util.logging.Level.INFO);
        cached = evaluator(policy, DemoPolicy.wasm(), DemoPolicy.DATA, true);
        uncached = evaluator(policy, DemoPolicy.wasm(), DemoPolicy.DATA, false);
        for (PolicyEvaluator evaluator : new PolicyEvaluator[] {cached, uncached}) {
            if (!evaluator.evaluateBlocking(DemoPolicy.ENTRYPOINT, input).allowed()) {
                throw new IllegalStateException("the demo policy did not allow alice");
            }
        }
        BenchPolicy gateway = PolicyCatalog.load(GATEWAY);
        OpaPolicy gatewayPolicy = SarkEngine.policy(gateway.name(), gateway.wasm(), gateway.data());
        gatewayEntrypoint = gateway.entrypoint();
        gatewayInput = GatewayInputs.ofSize(inputBytes);
        requestIdAt = indexOf(gatewayInput, REQUEST_ID);
        cachedGateway = evaluator(gatewayPolicy, gateway.wasm(), gateway.data(), true);
        uncachedGateway = evaluator(gatewayPolicy, gateway.wasm(), gateway.data(), false);
        if (!cachedGatewayDecision().allowed() || !uncachedGatewayDecision().allowed()
                || !cachedGatewayDecisionNewRequestId().allowed()) {
            throw new IllegalStateException(GATEWAY + " did not allow alice to use search");
        }
    }

    /** The extension's evaluator with the settings' defaults, and docs/cache.md's example cache size. */
    private static PolicyEvaluator evaluator(OpaPolicy policy, byte[] wasm, String data, boolean cacheEnabled) {
        return StandaloneEvaluator.builder()
                .policy(policy, wasm, DemoPolicy.utf8(data))
                .config("quarkus.sark-opa.cache.enabled", Boolean.toString(cacheEnabled))
                .cacheMaximumSize(10_000)
                .build();
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new IllegalStateException("the gateway request has no x-request-id");
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
    public Decision cachedGatewayDecision() {
        return cachedGateway.evaluateBlocking(gatewayEntrypoint, gatewayInput);
    }

    @Benchmark
    public Decision uncachedGatewayDecision() {
        return uncachedGateway.evaluateBlocking(gatewayEntrypoint, gatewayInput);
    }

    @Benchmark
    public Decision cachedGatewayDecisionNewRequestId() {
        // the request id's first 8 characters, in hex, from a counter: a request like no earlier one, in fresh bytes
        byte[] request = gatewayInput.clone();
        long id = requests++;
        for (int i = 7; i >= 0; i--, id >>>= 4) {
            request[requestIdAt + i] = (byte) Character.forDigit((int) (id & 0xF), 16);
        }
        return cachedGateway.evaluateBlocking(gatewayEntrypoint, request);
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
