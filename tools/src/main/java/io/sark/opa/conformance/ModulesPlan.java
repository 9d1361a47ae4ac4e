package io.sark.opa.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.ir.PlanWriter;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import io.sark.opa.regoc.RegoCompiler;
import java.util.ArrayList;
import java.util.List;

/**
 * A case with OPA's plan replaced by the one {@link RegoCompiler} makes from the case's Rego {@code modules}
 * (parsed as {@code version}), so the same runner checks the Rego compiler. The older corpus plans a rule of
 * the modules ({@code query}); the v1 corpus plans the case's {@code query} itself as the entrypoint
 * {@code eval}.
 */
final class ModulesPlan {
    private static final String QUERY_ENTRYPOINT = "eval";

    private ModulesPlan() {}

    /** The case with its plan recompiled; throws the parser's or compiler's exception when that fails. */
    static ConformanceCase recompiled(ConformanceCase c, RegoVersion version) {
        List<RegoModule> modules = new ArrayList<>();
        int i = 0;
        for (JsonNode m : c.json().path("modules")) {
            modules.add(RegoParser.parseModule("module" + (i++) + ".rego", m.asText(), version));
        }
        ObjectNode json = c.json().deepCopy();
        List<String> entrypoints = new ArrayList<>(c.entrypoints());
        List<RegoCompiler.Query> queries = new ArrayList<>();
        if (entrypoints.remove(QUERY_ENTRYPOINT) && c.query() != null) {
            queries.add(new RegoCompiler.Query(QUERY_ENTRYPOINT, RegoParser.parseQuery("<query>", c.query(), version)));
        }
        json.set("plan", PlanWriter.write(RegoCompiler.compile(modules, entrypoints, queries)));
        return new ConformanceCase(c.category(), c.file(), c.index(), json);
    }
}
