package io.sark.opa.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.opa.rego.RegoVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A standing corpus nobody on this project wrote: every unit test of the gatekeeper library (../shared, Rego v0,
 * all passing under {@code opa test --v0-compatible}), each policy folder run as {@code opa test FOLDER}. The
 * number that pass must not drop below {@code gatekeeper-floor.txt}; raise it when more pass.
 */
class GatekeeperLibraryTest {
    private static final Path FLOOR = Path.of("gatekeeper-floor.txt");

    @Test
    void gatekeeperLibraryTestsPassAtLeastTheFloor() throws IOException {
        Path library = Path.of(System.getProperty("opa.shared.dir", "../../shared"), "gatekeeper-library")
                .toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(library), "no gatekeeper library at " + library);

        List<TestResult> ran = new ArrayList<>();
        List<TestResult> notRun = new ArrayList<>();
        StringBuilder problems = new StringBuilder();
        for (Path folder : policyFolders(library)) {
            try {
                ran.addAll(RegoTestSuite.load(RegoVersion.V0, List.of(folder)).runAll());
            } catch (RegoTestException e) {
                // the folder's Rego cannot be compiled or loaded: each of its tests errs with that message
                e.tests().forEach(t -> notRun.add(new TestResult(t, Outcome.ERROR, e.getMessage(), Duration.ZERO)));
                problems.append(e.tests().size()).append(" tests not run: ").append(e.getMessage()).append('\n');
            }
        }
        new TestReport(ran).print(System.out, false);
        System.out.print(problems);
        List<TestResult> all = new ArrayList<>(ran);
        all.addAll(notRun);
        TestReport report = new TestReport(all);
        System.out.println("gatekeeper library: " + report.count(Outcome.PASS) + " passed, "
                + report.count(Outcome.FAIL) + " failed, " + report.count(Outcome.ERROR) + " errors");

        int floor = Integer.parseInt(Files.readString(FLOOR).strip());
        assertThat(report.count(Outcome.PASS)).as("gatekeeper tests passing (floor in testing/%s)", FLOOR)
                .isGreaterThanOrEqualTo(floor);
    }

    /** Each folder with a {@code *_test.rego}: one policy, its libraries and its tests. */
    private static List<Path> policyFolders(Path library) throws IOException {
        try (Stream<Path> files = Files.walk(library)) {
            return files.filter(f -> f.getFileName().toString().endsWith("_test.rego")).map(Path::getParent)
                    .distinct().sorted().toList();
        }
    }
}
