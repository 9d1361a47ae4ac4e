package io.sark.opa.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.opentest4j.AssertionFailedError;

/** Rego tests as an application's JUnit tests: {@link RegoTests} run on the JUnit Platform as Maven runs them. */
class RegoTestsJUnitTest {
    @TempDir
    Path dir;

    /** The application's test class; nested (and so not run by Surefire itself), launched by the tests below. */
    static class PolicyTests {
        static Path policies;

        @TestFactory
        Stream<DynamicNode> rego() {
            Assumptions.assumeTrue(policies != null, "run only by the launcher of the tests below");
            return RegoTests.in(policies);
        }
    }

    record Finished(String name, TestExecutionResult.Status status, Throwable error, FileSource source) {}

    @Test
    void eachRegoTestIsAJUnitTestThatFailsWithItsLocation() throws IOException {
        Files.writeString(dir.resolve("authz.rego"), """
                package authz

                allow if input.user == "alice"
                """);
        Files.writeString(dir.resolve("authz_test.rego"), """
                package authz_test

                import data.authz

                test_alice_allowed if authz.allow with input as {"user": "alice"}

                test_bob_allowed if authz.allow with input as {"user": "bob"}

                todo_test_carol if false
                """);
        List<Finished> tests = launch();

        assertThat(tests).extracting(Finished::name, Finished::status).containsExactly(
                tuple("data.authz_test.test_alice_allowed", TestExecutionResult.Status.SUCCESSFUL),
                tuple("data.authz_test.test_bob_allowed", TestExecutionResult.Status.FAILED),
                tuple("data.authz_test.todo_test_carol", TestExecutionResult.Status.ABORTED));
        Finished failed = tests.get(1);
        String file = dir.resolve("authz_test.rego").toString();
        assertThat(failed.error()).isInstanceOf(AssertionFailedError.class)
                .hasMessage(file + ":7: data.authz_test.test_bob_allowed failed: undefined");
        assertThat(failed.source().getFile().toPath()).isEqualTo(dir.resolve("authz_test.rego").toAbsolutePath());
        assertThat(failed.source().getPosition()).hasValueSatisfying(p -> assertThat(p.getLine()).isEqualTo(7));
    }

    @Test
    void anEvaluationErrorIsAJUnitErrorNotAnAssertionFailure() throws IOException {
        Files.writeString(dir.resolve("c_test.rego"), """
                package c

                p := 1 if input.x
                p := 2 if input.x
                test_conflict if p with input.x as true
                """);
        Finished errored = launch().get(0);
        assertThat(errored.status()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(errored.error()).isInstanceOf(RegoTests.RegoTestError.class)
                .hasMessageContaining(dir.resolve("c_test.rego") + ":5: data.c.test_conflict errored:")
                .hasMessageContaining("eval_conflict_error");
    }

    private List<Finished> launch() {
        PolicyTests.policies = dir;
        List<Finished> finished = new ArrayList<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                // a container that failed (the factory threw) is listed too, so that the assertions show why
                if (id.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    FileSource source = id.getSource().filter(FileSource.class::isInstance).map(FileSource.class::cast)
                            .orElse(null);
                    finished.add(new Finished(id.getDisplayName(), result.getStatus(), result.getThrowable().orElse(null),
                            source));
                }
            }
        };
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(PolicyTests.class)).build(), listener);
        } finally {
            PolicyTests.policies = null;
        }
        return finished;
    }
}
