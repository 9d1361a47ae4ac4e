package io.sark.opa.regoc;

import static io.sark.opa.regoc.RegoCompilerTest.eval;
import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.ir.PlanReader;
import io.sark.opa.ir.PlanWriter;
import io.sark.opa.ir.Policy;
import io.sark.opa.ir.Statement;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EveryAndPrintTest {

    @Test
    void everyHoldsWhenNoElementFailsItsBodyAndNeedsACollection() {
        String rego = """
                package t
                all_positive if { every x in [1, 2] { x > 0 } }
                one_negative if { every x in [1, -2] { x > 0 } }
                empty if { every x in [] { false } }
                scalar if { every x in 5 { true } }
                out := [all_positive, count([1 | one_negative]), empty, count([1 | scalar]), keys] if {
                    keys := [k | some k in ["p", "q"]; every i, v in input.m { v != k; i >= 0 }]
                }
                """;
        assertThat(eval(rego, "t/out", "{}", "{\"m\":[\"p\",\"x\"]}")).isEqualTo("[{\"result\":[true,0,true,0,[\"q\"]]}]");
    }

    @Test
    void printGoesToTheHostAndNeitherFailsNorStopsTheBody() {
        String rego = """
                package t
                out := x if {
                    print("hello", input.missing, 1)
                    x := print("again")
                }
                """;
        List<String> printed = PrintImportTest.printedBy(
                () -> assertThat(eval(rego, "t/out", "{}", "{}")).isEqualTo("[{\"result\":true}]"));
        assertThat(printed).containsExactly("t: hello <undefined> 1", "t: again");
    }

    /** OPA's builtinPrint (v1/topdown/print.go): strings unquoted, other values as Rego text, one line per combination. */
    private static final String GREETING = """
            package t
            out := true if {
                print("hello from rego", input.user)
                print("roles", {r | some r in input.roles}, {"n": 1})
            }
            """;

    @Test
    void printWritesOperandsAsOpaDoes() {
        List<String> printed = PrintImportTest.printedBy(() -> assertThat(
                eval(GREETING, "t/out", "{}", "{\"user\":\"zoe\",\"roles\":[\"b\",\"a\"]}"))
                .isEqualTo("[{\"result\":true}]"));
        assertThat(printed).containsExactly("t: hello from rego zoe", "t: roles {\"a\", \"b\"} {\"n\": 1}");
    }

    @Test
    void printFromAnOpaPlanWritesOperandsAsOpaDoes() {
        Policy written = RegoCompiler.compile(List.of(RegoParser.parseModule("p.rego", GREETING, RegoVersion.V1)),
                List.of("t/out"));
        // the plan as JSON in OPA's IR format, read back as a plan from OPA would be
        Policy plan = PlanReader.read("plan.json", PlanWriter.write(written));
        byte[] wasm = PlanCompiler.withBundledRuntime().compile("plan.json", plan);
        List<String> printed = PrintImportTest.printedBy(() -> OpaPolicy.builder("t", Parser.parse(wasm))
                .withBuiltins(Builtins.defaults()).build().newInstance()
                .evaluate("t/out", "{\"user\":\"zoe\",\"roles\":[]}".getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(5)));
        assertThat(printed).containsExactly("t: hello from rego zoe", "t: roles set() {\"n\": 1}");
    }

    @Test
    void printIsPlannedAsOpaDoesWithOneSetPerArgument() {
        Policy policy = RegoCompiler.compile(List.of(RegoParser.parseModule("p.rego",
                "package t\nallow if { print(input.a, 2) }\n", RegoVersion.V1)), List.of("t/allow"));
        assertThat(policy.builtinFuncs()).anySatisfy(b -> assertThat(b.name()).isEqualTo("internal.print"));
        String plan = PlanWriter.write(policy).toString();
        assertThat(plan).contains("\"func\":\"internal.print\"").doesNotContain("\"func\":\"print\"");
        assertThat(count(plan, Statement.MakeSetStmt.class.getSimpleName())).isEqualTo(2);
    }

    private static int count(String text, String word) {
        return text.split(word, -1).length - 1;
    }
}
