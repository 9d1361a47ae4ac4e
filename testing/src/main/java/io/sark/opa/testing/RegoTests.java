package io.sark.opa.testing;

import io.sark.opa.rego.RegoVersion;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The Rego tests beside an application's policies as JUnit 5 tests, one per {@code test_} rule, grouped by file:
 * <pre>
 * class PolicyTest {
 *     &#64;TestFactory
 *     Stream&lt;DynamicNode&gt; rego() {
 *         return RegoTests.in(Path.of("src/main/resources/policies"));
 *     }
 * }
 * </pre>
 * A failing Rego test fails its JUnit test with an {@link AssertionFailedError} naming its {@code file:row}; one whose
 * evaluation errs throws a {@link RegoTestError}; a {@code todo_test_} is aborted (reported as skipped).
 */
public final class RegoTests {

    private RegoTests() {}

    /** The tests under {@code paths}, read as Rego v1 unless a manifest says otherwise. */
    public static Stream<DynamicNode> in(Path... paths) {
        return in(RegoVersion.V1, paths);
    }

    /** The tests under {@code paths}, read as {@code regoVersion} unless a manifest says otherwise. */
    public static Stream<DynamicNode> in(RegoVersion regoVersion, Path... paths) {
        RegoTestSuite suite = RegoTestSuite.load(regoVersion, List.of(paths));
        Map<String, List<RegoTest>> byFile = new LinkedHashMap<>();
        suite.tests().forEach(t -> byFile.computeIfAbsent(t.file(), f -> new ArrayList<>()).add(t));
        return byFile.entrySet().stream().map(file -> DynamicContainer.dynamicContainer(file.getKey(),
                fileUri(file.getKey(), 0), file.getValue().stream().map(t -> test(suite, t))));
    }

    private static DynamicNode test(RegoTestSuite suite, RegoTest test) {
        return DynamicTest.dynamicTest(test.fullName(), fileUri(test.file(), test.row()), () -> check(suite.run(test)));
    }

    private static void check(TestResult result) {
        RegoTest test = result.test();
        switch (result.outcome()) {
            case PASS -> { }
            case SKIPPED -> throw new TestAbortedException(test.location() + ": " + test.fullName() + " is a todo");
            case FAIL -> throw new AssertionFailedError(test.location() + ": " + test.fullName() + " failed: "
                    + result.message() + printed(result));
            case ERROR -> throw new RegoTestError(test.location() + ": " + test.fullName() + " errored: "
                    + result.message() + printed(result));
        }
    }

    /** The test's {@code print} output on lines of its own, as {@code opa test} shows it with a failure. */
    private static String printed(TestResult result) {
        String output = result.output().strip();
        return output.isEmpty() ? "" : "\n" + output;
    }

    /** The file as JUnit's source of a test ({@code ?line=} when the row is known), so IDEs can open it. */
    private static URI fileUri(String file, int row) {
        URI uri = Path.of(file).toAbsolutePath().normalize().toUri();
        return row > 0 ? URI.create(uri + "?line=" + row) : uri;
    }

    /** A Rego test whose evaluation stopped with an error (a conflict, a timeout) or that could not be compiled. */
    public static final class RegoTestError extends RuntimeException {
        RegoTestError(String message) {
            super(message, null, false, false); // the Java stack says nothing about the Rego
        }
    }
}
