package io.sark.opa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.dylibso.chicory.wasm.Parser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN = """
            {"static": {"strings": [{"value": "result"}]},
             "plans": {"plans": [{"name": "example/allow", "blocks": [{"stmts": [
               {"type": "MakeObjectStmt", "stmt": {"target": 2}},
               {"type": "ObjectInsertStmt", "stmt": {"key": {"type": "string_index", "value": 0},
                                                    "value": {"type": "bool", "value": true}, "object": 2}},
               {"type": "ResultSetAddStmt", "stmt": {"value": 2}}]}]}]},
             "funcs": {"funcs": []}}""";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void buildWritesAWasmModule(@TempDir Path dir) throws IOException {
        Path plan = Files.writeString(dir.resolve("plan.json"), PLAN);
        Path wasm = dir.resolve("policy.wasm");
        assertThat(run("build", plan.toString(), "-o", wasm.toString())).as(err.toString()).isZero();
        assertThat(Parser.parse(Files.readAllBytes(wasm)).exportSection().exportCount()).isGreaterThan(20);
    }

    @Test
    void buildWritesABundle(@TempDir Path dir) throws IOException {
        Path plan = Files.writeString(dir.resolve("plan.json"), PLAN);
        Path data = Files.writeString(dir.resolve("data.json"), "{\"roles\": {}}");
        Path bundle = dir.resolve("bundle.tar.gz");
        assertThat(run("build", plan.toString(), "--bundle", bundle.toString(), "--data", data.toString()))
                .as(err.toString()).isZero();

        Map<String, byte[]> entries = entries(bundle);
        assertThat(entries).containsOnlyKeys("/.manifest", "/policy.wasm", "/data.json");
        JsonNode manifest = JSON.readTree(entries.get("/.manifest"));
        assertThat(manifest.path("wasm").get(0).path("entrypoint").asText()).isEqualTo("example/allow");
        assertThat(manifest.path("wasm").get(0).path("module").asText()).isEqualTo("/policy.wasm");
        assertThat(JSON.readTree(entries.get("/data.json"))).isEqualTo(JSON.readTree("{\"roles\": {}}"));
        Parser.parse(new ByteArrayInputStream(entries.get("/policy.wasm")));
    }

    @Test
    void buildReadsThePlanBundleOfOpaBuild(@TempDir Path dir) throws IOException {
        Path planBundle = dir.resolve("plan-bundle.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(planBundle)))) {
            add(tar, "/plan.json", PLAN.getBytes(StandardCharsets.UTF_8));
            add(tar, "/data.json", "{\"from\": \"bundle\"}".getBytes(StandardCharsets.UTF_8));
        }
        Path bundle = dir.resolve("out.tar.gz");
        assertThat(run("build", planBundle.toString(), "--bundle", bundle.toString())).as(err.toString()).isZero();
        Map<String, byte[]> entries = entries(bundle);
        assertThat(JSON.readTree(entries.get("/data.json"))).isEqualTo(JSON.readTree("{\"from\": \"bundle\"}"));
        Parser.parse(new ByteArrayInputStream(entries.get("/policy.wasm")));

        Path notAPlan = dir.resolve("empty.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(notAPlan)))) {
            add(tar, "/data.json", "{}".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(run("build", notAPlan.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("empty.tar.gz: bundle has no /plan.json");
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** The files of a {@code .tar.gz} bundle by their path in it. */
    static Map<String, byte[]> entries(Path bundle) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(bundle)))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.put(e.getName(), tar.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void buildReportsPlanErrorsWithTheFileName(@TempDir Path dir) throws IOException {
        Path plan = Files.writeString(dir.resolve("broken.json"), PLAN.replace("MakeObjectStmt", "MakeTableStmt"));
        assertThat(run("build", plan.toString(), "-o", dir.resolve("x.wasm").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("broken.json").contains("unknown statement type MakeTableStmt");
    }

    @Test
    void conformancePrintsATableEndingInTheTotals(@TempDir Path dir) throws IOException {
        String conformance = System.getProperty("opa.conformance.dir");
        assumeTrue(conformance != null && Files.isDirectory(Path.of(conformance, "cases", "aggregates")),
                "opa.conformance.dir not available");
        // a scratch copy of one real case file (never committed), plus one case the compiled plan fails
        Path cases = Files.createDirectories(dir.resolve("mine"));
        Files.copy(Path.of(conformance, "cases", "aggregates", "test-aggregates-0002.json"), cases.resolve("a.json"));
        JsonNode one = JSON.readTree(cases.resolve("a.json").toFile());
        ((ObjectNode) one.path("cases").get(0))
                .set("want_plan_result", JSON.readTree("{\"query\": {\"result\": [{\"x\": \"wrong\"}]}}"));
        Files.createDirectories(dir.resolve("other"));
        Files.write(dir.resolve("other").resolve("b.json"), JSON.writeValueAsBytes(one));

        int status = run("conformance", dir.toString());
        String[] lines = out.toString().strip().split("\n");
        assertThat(lines[lines.length - 1]).isEqualTo("1 passed, 1 failed");
        assertThat(out.toString()).contains("mine").contains("other");
        assertThat(status).isEqualTo(1);

        out.reset();
        assertThat(run("conformance", dir.toString(), "--category", "mine")).isZero();
        assertThat(out.toString().strip()).endsWith("1 passed, 0 failed");
    }

    @Test
    void conformanceFromModulesCompilesTheRegoInsteadOfThePlan(@TempDir Path dir) throws IOException {
        String conformance = System.getProperty("opa.conformance.dir");
        assumeTrue(conformance != null && Files.isDirectory(Path.of(conformance, "cases", "aggregates")),
                "opa.conformance.dir not available");
        // scratch copies of one real case: its plan removed (so only the modules can pass), and a module broken
        ObjectNode root = (ObjectNode) JSON.readTree(
                Path.of(conformance, "cases", "aggregates", "test-aggregates-0002.json").toFile());
        ObjectNode c = (ObjectNode) root.path("cases").get(0);
        c.remove("plan");
        Files.createDirectories(dir.resolve("noplan"));
        Files.write(dir.resolve("noplan").resolve("a.json"), JSON.writeValueAsBytes(root));
        ((ArrayNode) c.path("modules")).insert(0, "package broken\np {");
        Files.createDirectories(dir.resolve("broken"));
        Files.write(dir.resolve("broken").resolve("b.json"), JSON.writeValueAsBytes(root));

        assertThat(run("conformance", dir.toString(), "--category", "noplan")).isEqualTo(1);
        assertThat(out.toString().strip()).endsWith("0 passed, 1 failed");

        out.reset();
        int status = run("conformance", dir.toString(), "--from-modules", "--v0-compatible", "--failures");
        assertThat(out.toString()).contains("FAIL " + c.path("note").asText() + " [broken/b.json#0]: rego compile: "
                + "module0.rego:2:4: expected a term but found end of file");
        assertThat(out.toString().strip()).endsWith("1 passed, 1 failed");
        assertThat(status).isEqualTo(1);

        // the same v0 modules read as Rego v1, OPA 1.x's default: a rule body needs `if`
        out.reset();
        assertThat(run("conformance", dir.toString(), "--category", "noplan", "--from-modules", "--rego-version", "1",
                "--failures")).isEqualTo(1);
        assertThat(out.toString()).contains("expected 'if' before the rule body (Rego v1)");
    }

    @Test
    void regoVersionFlagsAreChecked() {
        assertThat(run("conformance", ".", "--rego-version", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("--rego-version is 0 or 1, not 2");
        assertThat(run("conformance", ".", "--v0-compatible", "--rego-version", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("--v0-compatible contradicts --rego-version 1");
    }

    @Test
    void testRunsRegoTestsAndEndsInTheTotals(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("authz.rego"), "package authz\n\nallow if input.user == \"alice\"\n");
        Files.writeString(dir.resolve("authz_test.rego"), """
                package authz_test

                import data.authz

                test_alice if authz.allow with input as {"user": "alice"}
                test_bob if authz.allow with input as {"user": "bob"}
                todo_test_carol if false
                """);
        Path file = dir.resolve("authz_test.rego");

        assertThat(run("test", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).doesNotContain("test_alice")
                .contains(file + ":6:\ndata.authz_test.test_bob: FAIL (")
                .contains(file + ":7:\ndata.authz_test.todo_test_carol: SKIPPED\n");
        assertThat(out.toString().strip()).endsWith("\n1 passed, 1 failed, 1 skipped");

        out.reset();
        assertThat(run("test", "-v", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains(file + ":5:\ndata.authz_test.test_alice: PASS (");

        Files.delete(file);
        Files.writeString(dir.resolve("authz_test.rego"), "package authz_test\n\ntest_true if true\n");
        out.reset();
        assertThat(run("test", dir.toString())).isZero();
        assertThat(out.toString()).isEqualTo("1 passed, 0 failed\n");
    }

    @Test
    void testReadsRegoV0WhenAskedAndNamesWhereTheSyntaxIsWrong(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("v0_test.rego"), "package v0\n\ntest_v0 { true }\n");
        assertThat(run("test", "--v0-compatible", file.toString())).isZero();

        assertThat(run("test", file.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: 1 error occurred: " + file + ":3:9: rego_parse_error: expected 'if' before the rule body")
                .doesNotContain("Exception").doesNotContain("\tat ");

        assertThat(run("test")).isEqualTo(2);
        assertThat(run("test", "--frobnicate", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("test does not know the option --frobnicate");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(run("compile")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown command compile").contains("usage:");
    }
}
