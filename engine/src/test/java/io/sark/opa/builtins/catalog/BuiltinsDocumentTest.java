package io.sark.opa.builtins.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.Builtins;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltinsDocumentTest {

    /** The engine module's tests run in engine/; the document lives at the repository root. */
    private static final Path DOCUMENT = Path.of("..", "docs", "builtins.md");

    @Test
    void everyHostBuiltinIsAnOpaBuiltinWithOpasArity() {
        Map<String, Integer> opa = OpaBuiltinList.arities();
        for (String name : Builtins.defaults().names()) {
            Builtin builtin = Builtins.defaults().find(name).orElseThrow();
            assertThat(opa).as("OPA has a builtin named %s", name).containsKey(name);
            assertThat(builtin.arity()).as("arity of %s", name).isEqualTo(opa.get(name));
        }
    }

    @Test
    void noTwoHostBuiltinsShareAName() {
        assertThat(Catalogue.builtins()).extracting(Builtin::name).doesNotHaveDuplicates();
    }

    @Test
    void theHostCatalogueCoversTheBuiltinsOpaBuiltWasmImports() {
        // OPA's own wasm modules import these from the host (they are not in its wasm library).
        assertThat(Builtins.defaults().names()).contains(
                "sprintf", "time.now_ns", "time.parse_rfc3339_ns", "time.date", "io.jwt.decode_verify",
                "io.jwt.verify_rs256", "crypto.sha256", "net.cidr_contains", "units.parse_bytes", "semver.compare",
                "regex.match", "glob.match", "yaml.unmarshal", "json.patch", "urlquery.encode", "base64.decode");
    }

    @Test
    void committedDocumentMatchesTheCode() throws IOException {
        String rendered = BuiltinsDocument.render(Builtins.defaults());
        if (Boolean.getBoolean("opa.builtins.regenerate")) {
            Files.writeString(DOCUMENT, rendered, StandardCharsets.UTF_8);
        }
        assertThat(DOCUMENT).as("docs/builtins.md exists (regenerate with -Dopa.builtins.regenerate=true)").exists();
        assertThat(Files.readString(DOCUMENT, StandardCharsets.UTF_8))
                .as("docs/builtins.md is stale: run the engine tests with -Dopa.builtins.regenerate=true")
                .isEqualTo(rendered);
    }
}
