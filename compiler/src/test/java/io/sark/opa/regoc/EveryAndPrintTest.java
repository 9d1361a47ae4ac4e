package io.sark.opa.regoc;

import io.sark.opa.ir.PlanWriter;
import io.sark.opa.ir.Policy;
import io.sark.opa.ir.Statement;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

import static io.sark.opa.regoc.RegoCompilerTest.eval;
import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(printed).hasSize(2);
        assertThat(printed.get(0)).contains("\"hello\"").contains("set()").contains("{1}");
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
