package io.sark.opa.ir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import io.sark.opa.regoc.RegoCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The parts of input an entrypoint can read, from plans our Rego compiler makes and from plans OPA made. */
class InputReadsTest {

    private static String reads(String rego, String entrypoint) {
        Policy policy = RegoCompiler.compile(List.of(RegoParser.parseModule("p.rego", rego, RegoVersion.V1)),
                List.of(entrypoint));
        return InputReads.of(policy).get(entrypoint).toJson();
    }

    @Test
    void constantKeysNarrowTheReadToTheirPath() {
        assertThat(reads("package t\nallow if input.user.role == \"admin\"\n", "t/allow"))
                .isEqualTo("{\"user\":{\"role\":true}}");
        assertThat(reads("package t\nallow if { input.method == \"GET\"; input.user.name == \"a\"; input.user.id == 1 }\n",
                "t/allow")).isEqualTo("{\"method\":true,\"user\":{\"id\":true,\"name\":true}}");
    }

    @Test
    void aPolicyThatNeverReadsInputReadsNothingBelowIt() {
        assertThat(reads("package t\nallow := true\n", "t/allow")).isEqualTo("{}");
    }

    @Test
    void functionArgumentsAreReadAsTheFunctionReadsItsParameter() {
        String rego = """
                package t
                is_admin(u) if u.role == "admin"
                allow if is_admin(input.user)
                """;
        assertThat(reads(rego, "t/allow")).isEqualTo("{\"user\":{\"role\":true}}");
    }

    @Test
    void aRuleWhoseValueIsPartOfInputReadsThatPartWhole() {
        String rego = """
                package t
                user := input.user
                allow if user.name == "x"
                """;
        assertThat(reads(rego, "t/allow")).isEqualTo("{\"user\":true}");
    }

    @Test
    void iterationBuiltinsAndNumberIndexesReadTheirOperandWhole() {
        assertThat(reads("package t\nallow if { some x in input.items; x == 1 }\n", "t/allow"))
                .isEqualTo("{\"items\":true}");
        assertThat(reads("package t\nallow if startswith(input.path, \"/api\")\n", "t/allow"))
                .isEqualTo("{\"path\":true}");
        assertThat(reads("package t\nallow if input.path[0] == \"api\"\n", "t/allow"))
                .isEqualTo("{\"path\":true}");
    }

    @Test
    void aKeyTakenFromInputIsReadWholeAndSoIsTheValueItIndexes() {
        assertThat(reads("package t\nallow if input.roles[input.user] == \"admin\"\n", "t/allow"))
                .isEqualTo("{\"roles\":true,\"user\":true}");
        assertThat(reads("package t\nallow if data.roles[input.user] == \"admin\"\n", "t/allow"))
                .isEqualTo("{\"user\":true}");
    }

    @Test
    void inputUsedAsAValueOrReplacedByWithIsReadWhole() {
        assertThat(reads("package t\nout := input\n", "t/out")).isEqualTo("true");
        assertThat(reads("package t\nallow if input == {}\n", "t/allow")).isEqualTo("true");
        String with = """
                package t
                admin if input.user == "alice"
                allow if admin with input.user as "alice"
                """;
        assertThat(reads(with, "t/allow")).isEqualTo("true");
    }

    @Test
    void definednessTestsReadOnlyThatThePathIsThere() {
        assertThat(reads("package t\nallow if not input.token\n", "t/allow")).isEqualTo("{\"token\":true}");
        assertThat(reads("package t\nallow if is_object(input.user)\n", "t/allow")).isEqualTo("{\"user\":true}");
    }

    /**
     * A plan compiled by OPA (v0.6x) from the inputvalues suite: rule {@code s} reads {@code input.req3.a.b.x[0]},
     * an index OPA plans as a number held in a local, so {@code x} is read whole.
     */
    @Test
    void opaBuiltPlansAreAnalysedTheSameWay() throws IOException {
        JsonNode c = conformanceCase("inputvalues", "inputvalues/namespaced");
        Assumptions.assumeTrue(c != null, "../shared/opa-conformance is not here");
        Policy policy = PlanReader.read("inputvalues", c.get("plan"));
        assertThat(InputReads.of(policy).get("query").toJson()).isEqualTo("{\"req3\":{\"a\":{\"b\":{\"x\":true}}}}");
    }

    private static JsonNode conformanceCase(String folder, String note) throws IOException {
        Path dir = Path.of("../../shared/opa-conformance/cases", folder);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        ObjectMapper json = new ObjectMapper();
        try (var files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                for (JsonNode c : json.readTree(file.toFile()).path("cases")) {
                    if (note.equals(c.path("note").asText())) {
                        return c;
                    }
                }
            }
        }
        return null;
    }
}
