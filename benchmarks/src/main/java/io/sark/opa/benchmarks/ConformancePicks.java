package io.sark.opa.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.conformance.CaseFiles;
import io.sark.opa.conformance.ConformanceCase;
import io.sark.opa.ir.PlanReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A few heavy plans of OPA's conformance cases, read at run time from {@code ../shared/opa-conformance} (never
 * copied), with their own data and input. Chosen among the largest plans that our compiler passes: many rules,
 * nested virtual-document references, comprehensions, {@code with} chains.
 */
final class ConformancePicks {

    /** Benchmark name to the case's note. */
    static final Map<String, String> NOTES = new LinkedHashMap<>();

    static {
        NOTES.put("conformance:refheads-partial-obj", "refheads/website-example/partial-obj");
        NOTES.put("conformance:nested-vdoc-refs", "nestedreferences/vdoc ref: multiple");
        NOTES.put("conformance:composite-comprehension", "compositereferences/comprehension");
        NOTES.put("conformance:with-rule-chain", "withkeyword/with rule chain");
    }

    private ConformancePicks() {}

    static Path casesDir() {
        return Path.of(System.getProperty("opa.conformance.dir", "../shared/opa-conformance"), "cases");
    }

    /** The picks' names when the cases are beside the project, none otherwise. */
    static List<String> names() {
        return Files.isDirectory(casesDir()) ? List.copyOf(NOTES.keySet()) : List.of();
    }

    static BenchPolicy load(String name) {
        String note = NOTES.get(name);
        ConformanceCase found = CaseFiles.read(casesDir()).stream()
                .filter(c -> c.note().equals(note))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no conformance case '" + note + "' in " + casesDir()));
        JsonNode plan = found.plan();
        String entrypoint = found.entrypoints().get(0);
        byte[] wasm = OwnPipeline.compilePlan(name, PlanReader.read(note, plan));
        byte[] input = found.inputJson() == null ? null : DemoPolicy.utf8(found.inputJson()); // null: no input
        return new BenchPolicy(name, wasm, found.dataJson(), entrypoint, input);
    }
}
