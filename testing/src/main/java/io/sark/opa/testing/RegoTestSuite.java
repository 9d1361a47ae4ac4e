package io.sark.opa.testing;

import com.dylibso.chicory.wasm.Parser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.bundle.BundleException;
import io.sark.opa.bundle.RegoWasm;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.EvaluationTimeoutException;
import io.sark.opa.engine.OpaException;
import io.sark.opa.engine.OpaInstance;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.RegoVersion;
import io.sark.opa.regoc.RegoCompileException;
import io.sark.opa.regoc.RegoCompiler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Rego tests under some paths, compiled together as the entrypoints of one wasm policy (Rego compiler, then plan
 * compiler) and evaluated on the engine, the way the extension runs policies. As {@code opa test}: no input, the
 * data files as {@code data}, builtin errors not strict (a failing builtin makes its expression undefined, so the
 * test fails rather than errors), five seconds per test, and each test's {@code print} output kept with its result.
 */
public final class RegoTestSuite {
    /** OPA's default per-test timeout ({@code opa test --timeout}). */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<RegoTest> tests;
    private final Set<String> objectTests;
    /** Tests the compiler could not compile alone, with its message; the others are in {@code policy}. */
    private final Map<RegoTest, String> uncompiled;
    private final OpaPolicy policy;
    /** What {@code print} wrote during the test running now (OPA's tester gives each test a print hook). */
    private final StringBuilder printed;
    private OpaInstance instance;

    private RegoTestSuite(List<RegoTest> tests, Set<String> objectTests, Map<RegoTest, String> uncompiled,
            OpaPolicy policy, StringBuilder printed) {
        this.tests = List.copyOf(tests);
        this.objectTests = objectTests;
        this.uncompiled = uncompiled;
        this.policy = policy;
        this.printed = printed;
    }

    /** The tests in the Rego files under {@code paths}, parsed as Rego v1 unless a manifest says otherwise. */
    public static RegoTestSuite load(Path... paths) {
        return load(RegoVersion.V1, List.of(paths));
    }

    /**
     * The tests in the Rego files under {@code paths}, parsed as {@code regoVersion} unless a manifest says otherwise.
     * Throws {@link RegoTestException} when a file cannot be read or parsed, or the compiler rejects the Rego.
     */
    public static RegoTestSuite load(RegoVersion regoVersion, List<Path> paths) {
        TestSources sources = TestSources.read(paths, regoVersion);
        TestDiscovery.Discovered found = TestDiscovery.discover(sources.modules());
        List<RegoTest> runnable = found.tests().stream().filter(t -> !t.skipped()).toList();
        Map<RegoTest, String> uncompiled = new LinkedHashMap<>();
        StringBuilder printed = new StringBuilder();
        OpaPolicy policy = null;
        if (!runnable.isEmpty()) {
            String origin = paths.stream().map(Path::toString).reduce((a, b) -> a + " " + b).orElse("");
            try {
                byte[] wasm = compile(origin, found.modules(), runnable, uncompiled);
                if (wasm != null) {
                    policy = load(origin, wasm, sources.data(), printed);
                }
            } catch (RegoTestException e) {
                throw new RegoTestException(e.getMessage(), e.getCause(), found.tests());
            }
        } else {
            check(found.modules(), found.tests());
        }
        return new RegoTestSuite(found.tests(), found.objectTests(), uncompiled, policy, printed);
    }

    /**
     * With no test to run, the modules are still compiled for their errors: OPA's runner compiles every module
     * before it looks for tests (v1/tester/runner.go, setupTestRun), so {@code opa test} fails on them.
     */
    private static void check(List<RegoModule> modules, List<RegoTest> tests) {
        if (modules.isEmpty()) {
            return;
        }
        try {
            RegoCompiler.compile(modules, List.of());
        } catch (RegoCompileException e) {
            if (!e.isUnsupported()) {
                throw new RegoTestException(e.getMessage(), e, tests);
            }
        }
    }

    /**
     * The compiled tests on the engine, their {@code print} lines into {@code printed}; a builtin without a host
     * implementation fails them all, as it fails a load.
     */
    private static OpaPolicy load(String origin, byte[] wasm, byte[] data, StringBuilder printed) {
        try {
            return OpaPolicy.builder(origin, Parser.parse(wasm))
                    .withData(data)
                    .withBuiltins(Builtins.defaults())
                    .withStrictBuiltinErrors(false)
                    .withPrintHook(line -> printed.append(line).append('\n'))
                    .build();
        } catch (OpaException e) {
            throw new RegoTestException(e.getMessage(), e);
        }
    }

    /**
     * All tests as entrypoints of one module. Rego this compiler does not support yet fails only the tests that reach
     * it: they are left out (with the compiler's message in {@code uncompiled}) and the rest compiled again. An error
     * OPA would report too fails the whole run, as it fails {@code opa test}.
     */
    private static byte[] compile(String origin, List<RegoModule> modules, List<RegoTest> tests,
            Map<RegoTest, String> uncompiled) {
        try {
            return RegoWasm.compile(origin, modules, tests.stream().map(RegoTest::entrypoint).toList());
        } catch (RegoCompileException e) {
            if (!e.isUnsupported()) {
                throw new RegoTestException(e.getMessage(), e);
            }
        } catch (BundleException e) {
            throw new RegoTestException(e.getMessage(), e);
        }
        List<RegoTest> compilable = new ArrayList<>();
        for (RegoTest test : tests) {
            try {
                RegoCompiler.compile(modules, List.of(test.entrypoint()));
                compilable.add(test);
            } catch (RegoCompileException e) {
                uncompiled.put(test, e.getMessage());
            }
        }
        if (compilable.isEmpty()) {
            return null;
        }
        try {
            return RegoWasm.compile(origin, modules, compilable.stream().map(RegoTest::entrypoint).toList());
        } catch (BundleException | RegoCompileException e) {
            throw new RegoTestException(e.getMessage(), e);
        }
    }

    /** The tests in file order, skipped ones included. */
    public List<RegoTest> tests() {
        return tests;
    }

    /** Runs every test, in file order. */
    public List<TestResult> runAll() {
        return tests.stream().map(this::run).toList();
    }

    /** Runs one test of this suite. */
    public synchronized TestResult run(RegoTest test) {
        if (test.skipped()) {
            return new TestResult(test, Outcome.SKIPPED, "", Duration.ZERO);
        }
        String compileError = uncompiled.get(test);
        if (compileError != null) {
            return new TestResult(test, Outcome.ERROR, compileError, Duration.ZERO);
        }
        printed.setLength(0);
        long start = System.nanoTime();
        String resultSet;
        try {
            resultSet = instance().evaluate(test.entrypoint(), null, TIMEOUT);
        } catch (EvaluationTimeoutException e) {
            return new TestResult(test, Outcome.ERROR, "timed out after " + TIMEOUT.toSeconds() + "s", since(start),
                    printed.toString());
        } catch (OpaException e) {
            return new TestResult(test, Outcome.ERROR, e.getMessage(), since(start), printed.toString());
        } finally {
            if (instance != null && instance.isBroken()) {
                instance = null;
            }
        }
        Duration duration = since(start);
        String failure = failure(test, resultSet);
        return failure == null
                ? new TestResult(test, Outcome.PASS, "", duration, printed.toString())
                : new TestResult(test, Outcome.FAIL, failure, duration, printed.toString());
    }

    private OpaInstance instance() {
        if (instance == null) {
            instance = policy.newInstance();
        }
        return instance;
    }

    /** Why the result set fails the test, or null when it passes: OPA's tester requires the value true. */
    private String failure(RegoTest test, String resultSet) {
        JsonNode results;
        try {
            results = JSON.readTree(resultSet);
        } catch (IOException e) {
            throw new IllegalStateException("the engine gave a result set that is not JSON: " + resultSet, e);
        }
        if (results.isEmpty()) {
            return "undefined";
        }
        JsonNode value = results.get(0).get("result");
        if (objectTests.contains(test.entrypoint()) && value.isObject()) {
            List<String> failed = new ArrayList<>();
            failedCases("", value, failed);
            return failed.isEmpty() ? null : "failed cases: " + String.join(", ", failed);
        }
        return value.isBoolean() && value.booleanValue() ? null : "value is " + value + ", not true";
    }

    /** The keys (joined by {@code /}) of the leaves of a test's object value that are not true. */
    private static void failedCases(String prefix, JsonNode value, List<String> failed) {
        value.fields().forEachRemaining(e -> {
            String name = prefix.isEmpty() ? e.getKey() : prefix + "/" + e.getKey();
            if (e.getValue().isObject()) {
                failedCases(name, e.getValue(), failed);
            } else if (!(e.getValue().isBoolean() && e.getValue().booleanValue())) {
                failed.add(name);
            }
        });
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
