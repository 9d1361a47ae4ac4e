package io.sark.opa.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sark.opa.conformance.CaseFiles;
import io.sark.opa.conformance.ConformanceCase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanReaderTest {

    @Test
    void readsEveryConformancePlan() {
        String dir = System.getProperty("opa.conformance.dir");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "cases")), "opa.conformance.dir not available");
        Set<String> types = new HashSet<>();
        int plans = 0;
        for (ConformanceCase c : CaseFiles.read(Path.of(dir, "cases"))) {
            if (c.plan() == null) {
                continue;
            }
            Policy p = PlanReader.read(c.file(), c.plan());
            assertThat(p.plans()).as(c.note()).isNotEmpty();
            p.funcs().forEach(f -> f.blocks().forEach(b -> collect(b, types)));
            p.plans().forEach(pl -> pl.blocks().forEach(b -> collect(b, types)));
            plans++;
        }
        assertThat(plans).isGreaterThan(1000);
        assertThat(types).contains("ScanStmt", "WithStmt", "CallDynamicStmt", "NotStmt", "ObjectInsertOnceStmt",
                "MakeNumberRefStmt", "AssignIntStmt", "IsUndefinedStmt");
    }

    @Test
    void readsOperandsAndNestedBlocks() {
        Policy p = PlanReader.read("t.json", """
                {"static": {"strings": [{"value": "a"}], "files": [{"value": "x.rego"}],
                            "builtin_funcs": [{"name": "plus", "decl": {"args": [{}, {}]}}]},
                 "plans": {"plans": [{"name": "e", "blocks": [{"stmts": [
                    {"type": "NotStmt", "stmt": {"block": {"stmts": [
                        {"type": "EqualStmt", "stmt": {"a": {"type": "local", "value": 0},
                                                       "b": {"type": "string_index", "value": 0}, "file": 0, "row": 3, "col": 4}}]}}},
                    {"type": "MakeNumberRefStmt", "stmt": {"Index": 0, "target": 2}},
                    {"type": "BlockStmt", "stmt": {"blocks": null}}]}]}]},
                 "funcs": {"funcs": []}}""".getBytes(StandardCharsets.UTF_8));
        assertThat(p.builtinFuncs()).containsExactly(new BuiltinFunc("plus", 2));
        List<Statement> stmts = p.plans().get(0).blocks().get(0).statements();
        Statement.NotStmt not = (Statement.NotStmt) stmts.get(0);
        assertThat(not.block().statements().get(0)).isEqualTo(new Statement.EqualStmt(new StatementLocation(0, 3, 4),
                new Operand.Local(0), new Operand.StringIndex(0)));
        assertThat(stmts.get(1)).isEqualTo(new Statement.MakeNumberRefStmt(new StatementLocation(0, 0, 0), 0, 2));
        assertThat(((Statement.BlockStmt) stmts.get(2)).blocks()).isEmpty();
    }

    @Test
    void errorsNameTheFileAndTheStatement() {
        String unknown = """
                {"static": {}, "plans": {"plans": []}, "funcs": {"funcs": [{"name": "g0.data.x", "params": [0, 1], "return": 2,
                  "blocks": [{"stmts": [{"type": "NopStmt", "stmt": {}}, {"type": "FancyStmt", "stmt": {}}]}]}]}}""";
        assertThatThrownBy(() -> PlanReader.read("policy/plan.json", unknown.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PlanFormatException.class)
                .hasMessageContaining("policy/plan.json")
                .hasMessageContaining("function g0.data.x block 0 statement 1")
                .hasMessageContaining("unknown statement type FancyStmt");

        String missing = """
                {"static": {}, "plans": {"plans": [{"name": "e", "blocks": [{"stmts": [
                  {"type": "DotStmt", "stmt": {"source": {"type": "local", "value": 0}, "target": 3}}]}]}]}}""";
        assertThatThrownBy(() -> PlanReader.read("p.json", missing.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("p.json: plan e block 0 statement 0 (DotStmt): missing key");

        assertThatThrownBy(() -> PlanReader.read("bad.json", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PlanFormatException.class).hasMessageStartingWith("bad.json: not valid JSON");
    }

    private static void collect(Block b, Set<String> types) {
        for (Statement s : b.statements()) {
            types.add(s.typeName());
            if (s instanceof Statement.BlockStmt bs) {
                bs.blocks().forEach(x -> collect(x, types));
            } else if (s instanceof Statement.ScanStmt sc) {
                collect(sc.block(), types);
            } else if (s instanceof Statement.NotStmt n) {
                collect(n.block(), types);
            } else if (s instanceof Statement.WithStmt w) {
                collect(w.block(), types);
            }
        }
    }
}
