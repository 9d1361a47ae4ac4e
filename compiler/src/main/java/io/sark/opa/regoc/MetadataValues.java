package io.sark.opa.regoc;

import io.sark.opa.rego.Location;
import io.sark.opa.rego.Metadata;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The values of {@code rego.metadata.rule()} and {@code rego.metadata.chain()}, which OPA's compiler puts in
 * place of the calls: the {@code # METADATA} annotations of the rule being planned, of the other definitions
 * of its document ({@code scope: document}), of its package (in any module) and of the packages above it
 * ({@code scope: subpackages}), in OPA's normalised form.
 */
final class MetadataValues {
    private static final Pattern AUTHOR = Pattern.compile("^(.*?)\\s*<([^>]*)>$");

    private final RuleIndex rules;

    MetadataValues(RuleIndex rules) {
        this.rules = rules;
    }

    /** The rule's own annotations ({@code scope: rule}), or an empty object. */
    Term rule(Scope scope, Location at) {
        Map<String, Object> own = ownAnnotations(scope.rule());
        return toTerm(own == null ? Map.of() : own, at);
    }

    /** From the rule outwards: its own annotations, its document's, its package's. */
    Term chain(Scope scope, Location at) {
        Rule rule = scope.rule();
        List<String> pkg = RuleIndex.packagePath(scope.module);
        List<String> path = new ArrayList<>(pkg);
        path.addAll(RuleIndex.headPath(rule));
        List<Object> chain = new ArrayList<>();
        chain.add(entry(path, ownAnnotations(rule)));
        for (RuleGroup.Definition d : rules.definitionsAt(path)) {
            for (Metadata m : d.rule().metadata()) {
                Map<String, Object> a = annotations(m, "rule");
                if ("document".equals(a.get("scope"))) {
                    chain.add(entry(path, a));
                }
            }
        }
        // package-scoped blocks of any module of the package, then subpackages-scoped ones from here to the root
        // (v1/ast/annotations.go AnnotationSet.Chain)
        List<Object> subpackages = new ArrayList<>();
        for (int n = pkg.size(); n >= 0; n--) {
            List<String> prefix = pkg.subList(0, n);
            for (Metadata m : rules.packageMetadata(prefix)) {
                Map<String, Object> a = annotations(m, "package");
                if ("subpackages".equals(a.get("scope"))) {
                    subpackages.add(entry(prefix, a));
                } else if (n == pkg.size()) {
                    chain.add(entry(pkg, a));
                }
            }
        }
        chain.addAll(subpackages);
        return toTerm(chain, at);
    }

    private static Map<String, Object> entry(List<String> path, Map<String, Object> annotations) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("path", path);
        if (annotations != null) {
            e.put("annotations", annotations);
        }
        return e;
    }

    private static Map<String, Object> ownAnnotations(Rule rule) {
        for (Metadata m : rule.metadata()) {
            Map<String, Object> a = annotations(m, "rule");
            if ("rule".equals(a.get("scope"))) {
                return a;
            }
        }
        return null;
    }

    /** One block's annotations: the scope filled in, authors and related resources as OPA spells them out. */
    private static Map<String, Object> annotations(Metadata m, String defaultScope) {
        Object yaml;
        try {
            yaml = new Load(LoadSettings.builder().build()).loadFromString(m.yaml());
        } catch (YamlEngineException e) {
            throw new RegoCompileException(m.loc(), "METADATA block is not valid YAML: " + e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (yaml instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        out.putIfAbsent("scope", defaultScope);
        if (out.get("authors") instanceof List<?> authors) {
            out.put("authors", authors.stream().map(MetadataValues::author).toList());
        }
        if (out.get("related_resources") instanceof List<?> resources) {
            out.put("related_resources", resources.stream().map(r -> r instanceof String s ? Map.of("ref", s) : r).toList());
        }
        return out;
    }

    private static Object author(Object a) {
        if (!(a instanceof String s)) {
            return a;
        }
        Matcher m = AUTHOR.matcher(s.strip());
        if (m.matches()) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (!m.group(1).isEmpty()) {
                out.put("name", m.group(1));
            }
            out.put("email", m.group(2));
            return out;
        }
        return Map.of("name", s.strip());
    }

    private static Term toTerm(Object v, Location at) {
        if (v == null) {
            return new Term.Null(at);
        } else if (v instanceof String s) {
            return new Term.Str(at, s);
        } else if (v instanceof Boolean b) {
            return new Term.Bool(at, b);
        } else if (v instanceof Number n) {
            return new Term.Num(at, n.toString());
        } else if (v instanceof List<?> list) {
            return new Term.ArrayTerm(at, list.stream().map(x -> toTerm(x, at)).toList());
        } else if (v instanceof Map<?, ?> map) {
            List<Term.Entry> entries = new ArrayList<>();
            map.forEach((k, x) -> entries.add(new Term.Entry(new Term.Str(at, String.valueOf(k)), toTerm(x, at))));
            return new Term.ObjectTerm(at, entries);
        }
        return new Term.Str(at, v.toString());
    }
}
