package io.sark.opa.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.opa.rego.RegoVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rego unit tests run as {@code opa test} runs them (OPA's v1/tester/runner.go and docs "Policy Testing"). */
class RegoTestSuiteTest {
    @TempDir
    Path dir;

    private static final String POLICY = """
            package authz

            allow if input.user == "alice"

            owner := data.owners[input.resource]

            conflicting := 1 if input.x
            conflicting := 2 if input.x

            n := count(input.items)

            role := lookup(input.user)

            lookup(user) := data.roles[user]

            now := time.now_ns()
            """;

    @Test
    void aTestPassesWhenItsRuleIsTrueAndFailsWhenUndefinedOrNotTrue() throws IOException {
        write("authz.rego", POLICY);
        write("authz_test.rego", """
                package authz_test

                import data.authz

                test_alice_allowed if authz.allow with input as {"user": "alice"}
                test_bob_allowed if authz.allow with input as {"user": "bob"}
                test_not_true := 7
                """);
        assertThat(outcomes()).containsExactly(
                Map.entry("data.authz_test.test_alice_allowed", Outcome.PASS),
                Map.entry("data.authz_test.test_bob_allowed", Outcome.FAIL),
                Map.entry("data.authz_test.test_not_true", Outcome.FAIL));
        List<TestResult> results = RegoTestSuite.load(dir).runAll();
        assertThat(results.get(1).message()).isEqualTo("undefined");
        assertThat(results.get(2).message()).isEqualTo("value is 7, not true");
    }

    @Test
    void eachTestHasItsFileAndRow() throws IOException {
        write("authz.rego", POLICY);
        write("authz_test.rego", "package authz_test\n\n\ntest_one if true\n");
        RegoTest test = RegoTestSuite.load(dir).tests().get(0);
        assertThat(test.location()).isEqualTo(dir.resolve("authz_test.rego") + ":4");
        assertThat(test.entrypoint()).isEqualTo("authz_test/test_one");
    }

    @Test
    void inputDataFunctionsAndBuiltinsCanBeReplacedWithWith() throws IOException {
        write("authz.rego", POLICY);
        write("authz_test.rego", """
                package authz_test

                import data.authz

                test_data if authz.owner == "bob" with input.resource as "r1" with data.owners as {"r1": "bob"}
                mock_count(_) := 42
                test_builtin_mocked if authz.n == 42 with count as mock_count with input.items as [1]
                test_builtin_value if authz.n == 3 with count as 3 with input.items as [1]
                mock_lookup(_) := "admin"
                test_function_mocked if authz.role == "admin" with authz.lookup as mock_lookup with input.user as "x"
                fixed_now := 1700000000000000000
                test_host_builtin_mocked if authz.now == fixed_now with time.now_ns as fixed_now
                """);
        assertThat(outcomes()).containsOnly(
                Map.entry("data.authz_test.test_data", Outcome.PASS),
                Map.entry("data.authz_test.test_builtin_mocked", Outcome.PASS),
                Map.entry("data.authz_test.test_builtin_value", Outcome.PASS),
                Map.entry("data.authz_test.test_function_mocked", Outcome.PASS),
                Map.entry("data.authz_test.test_host_builtin_mocked", Outcome.PASS));
    }

    @Test
    void aConflictIsAnErrorButAFailingBuiltinOnlyFailsItsTest() throws IOException {
        // opa test does not raise builtin errors (cmd/test.go leaves RaiseBuiltinErrors off): the call is undefined
        write("authz.rego", POLICY);
        write("authz_test.rego", """
                package authz_test

                import data.authz

                test_conflict if authz.conflicting with input.x as true
                test_bad_number if to_number("x") == 1
                """);
        assertThat(outcomes()).containsExactly(
                Map.entry("data.authz_test.test_conflict", Outcome.ERROR),
                Map.entry("data.authz_test.test_bad_number", Outcome.FAIL));
        assertThat(RegoTestSuite.load(dir).runAll().get(0).message()).contains("eval_conflict_error");
    }

    @Test
    void traceNotesAreTrue() throws IOException {
        // OPA's trace(note) is true whether or not a trace is recorded (v1/topdown/trace.go); tests use it to debug
        write("t_test.rego", """
                package t

                test_traced if trace(sprintf("n is %d", [1]))
                """);
        assertThat(outcomes()).containsExactly(Map.entry("data.t.test_traced", Outcome.PASS));
    }

    @Test
    void eachTestKeepsWhatItsPrintCallsWrote() throws IOException {
        // OPA's runner gives each test a print hook of its own (rego.PrintHook in v1/tester/runner.go runTest) and
        // keeps the lines in the result's Output; the reporter shows them (v1/tester/reporter.go)
        write("p_test.rego", """
                package p

                explain(v) if print("got", v)

                test_quiet if true
                test_loud if {
                    print("checking", {"n": 1})
                    explain([2])
                    false
                }
                """);
        List<TestResult> results = RegoTestSuite.load(dir).runAll();
        assertThat(results).extracting(TestResult::output)
                .containsExactly("", "checking {\"n\": 1}\ngot [2]\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TestReport(results).print(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith(dir.resolve("p_test.rego") + ":6:\n"
                + "data.p.test_loud: FAIL (").contains(")\n\n  checking {\"n\": 1}\n  got [2]\n\n  undefined\n");
    }

    @Test
    void todoTestsAreSkippedAndRepeatedNamesAreTestsOfTheirOwn() throws IOException {
        write("t_test.rego", """
                package t

                todo_test_later if false
                test_twice if true
                test_twice if false
                test_twice if true
                """);
        assertThat(outcomes()).containsExactly(
                Map.entry("data.t.todo_test_later", Outcome.SKIPPED),
                Map.entry("data.t.test_twice", Outcome.PASS),
                Map.entry("data.t.test_twice#01", Outcome.FAIL),
                Map.entry("data.t.test_twice#02", Outcome.PASS));
    }

    @Test
    void testsWithCasesPassWhenEveryCaseIsTrue() throws IOException {
        write("t_test.rego", """
                package t

                test_cases[note] := result if {
                    some note, c in {"one": 1, "two": 2}
                    result := c < 2
                }
                test_all[note] := true if some note in ["a", "b"]
                """);
        List<TestResult> results = RegoTestSuite.load(dir).runAll();
        assertThat(results).extracting(TestResult::outcome).containsExactly(Outcome.FAIL, Outcome.PASS);
        assertThat(results.get(0).message()).isEqualTo("failed cases: two");
    }

    @Test
    void rulesAreReadAsRegoV0WhenAsked() throws IOException {
        write("v0_test.rego", """
                package v0

                allow { input.user == "alice" }
                test_v0 { allow with input as {"user": "alice"} }
                """);
        assertThat(RegoTestSuite.load(RegoVersion.V0, List.of(dir)).runAll())
                .extracting(TestResult::outcome).containsExactly(Outcome.PASS);
        assertThatThrownBy(() -> RegoTestSuite.load(dir))
                .isInstanceOf(RegoTestException.class)
                .hasMessage("1 error occurred: " + dir.resolve("v0_test.rego")
                        + ":3:7: rego_parse_error: expected 'if' before the rule body (Rego v1) but found '{'");
    }

    /**
     * OPA's runner compiles every module before it looks for tests (v1/tester/runner.go, setupTestRun), so a
     * library with a compile error fails {@code opa test} even when no test is there to run.
     */
    @Test
    void compileErrorsFailTheRunEvenWithoutTests() throws IOException {
        write("lib.rego", """
                package lib

                shapes[s] if s := helpers.missing(input.x)
                """);
        assertThatThrownBy(() -> RegoTestSuite.load(dir))
                .isInstanceOf(RegoTestException.class)
                .hasMessageContaining("rego_type_error: undefined function helpers.missing");
        write("lib_test.rego", """
                package lib

                todo_test_shapes if count(shapes) == 1
                """);
        assertThatThrownBy(() -> RegoTestSuite.load(dir)).isInstanceOf(RegoTestException.class);
    }

    @Test
    void modulesWithoutTestsAndWithoutErrorsRunNothing() throws IOException {
        write("lib.rego", """
                package lib

                double(x) := 2 * x
                """);
        assertThat(RegoTestSuite.load(dir).runAll()).isEmpty();
    }

    @Test
    void dataFilesAreLoadedAtTheirDirectory() throws IOException {
        Files.createDirectories(dir.resolve("roles"));
        Files.writeString(dir.resolve("roles/data.json"), "{\"admin\": [\"alice\"]}");
        write("roles_test.rego", """
                package roles

                test_admin if "alice" in data.roles.admin
                """);
        assertThat(outcomes()).containsExactly(Map.entry("data.roles.test_admin", Outcome.PASS));
    }

    private Map<String, Outcome> outcomes() {
        return RegoTestSuite.load(dir).runAll().stream().collect(Collectors.toMap(r -> r.test().fullName(),
                TestResult::outcome, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private void write(String name, String rego) throws IOException {
        Files.writeString(dir.resolve(name), rego);
    }
}
