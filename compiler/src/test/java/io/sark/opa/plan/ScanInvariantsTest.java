package io.sark.opa.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.ir.Block;
import io.sark.opa.ir.Operand;
import io.sark.opa.ir.Statement;
import io.sark.opa.ir.Statement.*;
import io.sark.opa.ir.StatementLocation;
import io.sark.opa.regoc.RegoCompiler;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lookups a scan does once ({@link ScanInvariants}): which ones qualify, and that decisions stay OPA's where a
 * lookup depends on an outer loop, is undefined, or reads what the body changes.
 */
class ScanInvariantsTest {

    private static final StatementLocation AT = new StatementLocation(0, 1, 1);
    private static final int INPUT = 0;
    private static final int DATA = 1;
    private static final int KEY = 10;
    private static final int VALUE = 11;

    private static DotStmt dot(int source, int keyString, int target) {
        return new DotStmt(AT, new Operand.Local(source), new Operand.StringIndex(keyString), target);
    }

    private static DotStmt dotByLocal(int source, int key, int target) {
        return new DotStmt(AT, new Operand.Local(source), new Operand.Local(key), target);
    }

    private static ScanStmt scan(Statement... body) {
        return new ScanStmt(AT, 5, KEY, VALUE, new Block(List.of(body)));
    }

    @Test
    void lookupsFromLocalsTheBodyNeverWritesAreInvariantAndSoAreLookupsFromTheirResults() {
        DotStmt user = dot(INPUT, 1, 20);
        DotStmt users = dot(DATA, 2, 21);
        DotStmt ofUser = dotByLocal(21, 20, 22);
        DotStmt role = dot(22, 3, 23);
        ScanStmt scan = scan(new AssignVarStmt(AT, new Operand.Local(VALUE), 12), user, users, ofUser, role,
                new EqualStmt(AT, new Operand.Local(12), new Operand.Local(23)));
        assertThat(ScanInvariants.of(scan)).containsExactlyInAnyOrder(user, users, ofUser, role);
    }

    @Test
    void lookupsThatReadTheElementOrALocalTheBodyAssignsAreNot() {
        DotStmt ofElement = dot(VALUE, 1, 20);
        DotStmt byKey = dotByLocal(DATA, KEY, 21);
        DotStmt fromAssigned = dot(30, 2, 22);
        DotStmt fromLaterAssigned = dot(31, 3, 23);
        ScanStmt scan = scan(ofElement, byKey, new AssignVarStmt(AT, new Operand.Local(VALUE), 30), fromAssigned,
                fromLaterAssigned, new NotStmt(AT, new Block(List.of(new AssignVarStmt(AT, new Operand.Local(KEY), 31)))));
        assertThat(ScanInvariants.of(scan)).isEmpty();
    }

    @Test
    void aTargetWrittenTwiceOrABodyThatChangesACollectionStopsChains() {
        DotStmt first = dot(DATA, 1, 20);
        DotStmt fromTwiceWritten = dot(20, 2, 21);
        ScanStmt twice = scan(first, fromTwiceWritten, new BlockStmt(AT, List.of(new Block(List.of(
                new AssignVarStmt(AT, new Operand.Local(VALUE), 20))))));
        assertThat(ScanInvariants.of(twice)).containsExactly(first);

        DotStmt a = dot(DATA, 1, 20);
        DotStmt fromA = dot(20, 2, 21);
        ScanStmt changing = scan(a, fromA, new SetAddStmt(AT, new Operand.Local(VALUE), 40));
        assertThat(ScanInvariants.of(changing)).containsExactly(a);
    }

    @Test
    void lookupsInNestedBlocksAreLeftAsTheyAre() {
        DotStmt nested = dot(DATA, 1, 20);
        ScanStmt scan = scan(new NotStmt(AT, new Block(List.of(nested))));
        assertThat(ScanInvariants.of(scan)).isEmpty();
    }

    // OPA evaluates each of these by the plan as written; the results are what its topdown gives the same Rego

    @Test
    void anInnerLookupThatDependsOnTheOuterElementIsDoneAgainForEachOuterElement() {
        String rego = """
                package t
                out contains v if {
                    some a in input.as
                    some b in input.bs
                    v := data.m[a][b]
                }
                """;
        assertThat(eval(rego, "t/out", "{\"as\":[\"x\",\"y\",\"z\"],\"bs\":[\"p\",\"q\"]}",
                "{\"m\":{\"x\":{\"p\":1,\"q\":2},\"y\":{\"p\":3},\"z\":{\"q\":4}}}"))
                .isEqualTo("[{\"result\":[1,2,3,4]}]");
    }

    @Test
    void anUndefinedLookupLeavesEveryIterationAndNothingElse() {
        String rego = """
                package t
                default found := false
                found if {
                    some x in input.xs
                    x == input.want
                }
                counted := count([x | some x in input.xs; x != input.skip])
                """;
        assertThat(eval(rego, "t/found", "{\"xs\":[1,2,3],\"want\":3}", "{}")).isEqualTo("[{\"result\":true}]");
        assertThat(eval(rego, "t/found", "{\"xs\":[1,2,3]}", "{}")).isEqualTo("[{\"result\":false}]");
        assertThat(eval(rego, "t/counted", "{\"xs\":[1,2,3],\"skip\":2}", "{}")).isEqualTo("[{\"result\":2}]");
        assertThat(eval(rego, "t/counted", "{\"xs\":[1,2,3]}", "{}")).isEqualTo("[{\"result\":0}]");
    }

    @Test
    void aLookupOfTheElementOrItsIndexFollowsTheElement() {
        String rego = """
                package t
                out contains [x, y] if {
                    some i, x in input.xs
                    y := input.ys[i]
                }
                """;
        assertThat(eval(rego, "t/out", "{\"xs\":[\"a\",\"b\"],\"ys\":[10,20,30]}", "{}"))
                .isEqualTo("[{\"result\":[[\"a\",10],[\"b\",20]]}]");
    }

    @Test
    void collectionsBuiltInTheBodyAreReadAsTheyGrow() {
        String rego = """
                package t
                out := [s | some x in input.xs; s := {y | some y in input.ys; y > x}]
                """;
        assertThat(eval(rego, "t/out", "{\"xs\":[1,2],\"ys\":[1,2,3]}", "{}"))
                .isEqualTo("[{\"result\":[[2,3],[3]]}]");
    }

    private static String eval(String rego, String entrypoint, String input, String data) {
        byte[] wasm = PlanCompiler.withBundledRuntime().compile("p.rego", RegoCompiler.compile(
                List.of(RegoParser.parseModule("p.rego", rego, RegoVersion.V1)), List.of(entrypoint)));
        return OpaPolicy.builder("t", Parser.parse(wasm)).withData(data.getBytes(StandardCharsets.UTF_8))
                .withBuiltins(Builtins.defaults()).build().newInstance()
                .evaluate(entrypoint, input.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
    }
}
