package io.sark.opa.bundle;

import io.sark.opa.rego.Metadata;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which decisions of a set of Rego modules become wasm entrypoints: those METADATA marks {@code entrypoint: true}
 * (a package or a rule, as OPA's {@code opa build} reads them) and those asked for by name, each of which must
 * lead to a rule.
 */
public final class RegoEntrypoints {

    private RegoEntrypoints() {}

    /** The entrypoints the modules' METADATA annotations declare, in source order. */
    public static List<String> annotated(List<RegoModule> modules) {
        Set<String> out = new LinkedHashSet<>();
        for (RegoModule module : modules) {
            List<String> pkg = packagePath(module);
            if (marked(module.pkg().metadata())) {
                out.add(String.join("/", pkg));
            }
            for (Rule rule : module.rules()) {
                if (marked(rule.metadata())) {
                    List<String> path = new ArrayList<>(pkg);
                    path.addAll(constantHead(rule.head().ref()));
                    out.add(String.join("/", path));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * Every document the modules define, as an OPA server answers {@code /v1/data/<path>} for each: each package,
     * each rule (functions are not documents) and each document holding them ({@code a} and {@code a/b} for
     * {@code a/b/c}), in source order.
     */
    public static List<String> every(List<RegoModule> modules) {
        Set<String> out = new LinkedHashSet<>();
        for (RegoModule module : modules) {
            List<String> pkg = packagePath(module);
            addWithPrefixes(out, pkg);
            for (Rule rule : module.rules()) {
                if (rule.head().kind() != Rule.Kind.FUNCTION) {
                    List<String> path = new ArrayList<>(pkg);
                    path.addAll(constantHead(rule.head().ref()));
                    addWithPrefixes(out, path);
                }
            }
        }
        return List.copyOf(out);
    }

    private static void addWithPrefixes(Set<String> out, List<String> path) {
        for (int i = 1; i <= path.size(); i++) {
            out.add(String.join("/", path.subList(0, i)));
        }
    }

    /**
     * Whether {@code entrypoint} ({@code a/b/c}) names a rule of the modules, a document holding rules (a package or
     * a prefix of one), or a value inside a rule's document.
     */
    public static boolean defines(List<RegoModule> modules, String entrypoint) {
        List<String> wanted = List.of(normalize(entrypoint).split("/"));
        for (RegoModule module : modules) {
            List<String> pkg = packagePath(module);
            for (Rule rule : module.rules()) {
                List<String> path = new ArrayList<>(pkg);
                path.addAll(constantHead(rule.head().ref()));
                if (isPrefix(wanted, path) || isPrefix(path, wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The entrypoint in the form wasm modules export it: {@code a/b/c} for {@code a/b/c}, {@code a.b.c} or
     * {@code data.a.b.c}.
     */
    public static String normalize(String entrypoint) {
        String path = entrypoint.strip();
        if (path.indexOf('/') < 0) {
            path = path.replace('.', '/');
        }
        path = path.replaceAll("^/+|/+$", "");
        return path.startsWith("data/") ? path.substring("data/".length()) : path;
    }

    /** The annotated entrypoints and the requested ones; a requested one that leads to no rule is an error. */
    public static List<String> select(String origin, List<RegoModule> modules, List<String> requested) {
        Set<String> out = new LinkedHashSet<>(annotated(modules));
        for (String entrypoint : requested) {
            if (!defines(modules, entrypoint)) {
                throw new BundleException(origin + ": entrypoint '" + entrypoint + "' refers to no rule of its Rego modules");
            }
            out.add(normalize(entrypoint));
        }
        if (out.isEmpty()) {
            throw new BundleException(origin + ": Rego policy without entrypoints: mark a rule or package with a METADATA "
                    + "block holding 'entrypoint: true', or name the entrypoint (quarkus.sark-opa.entrypoints, or -e in the CLI)");
        }
        return List.copyOf(out);
    }

    private static boolean marked(List<Metadata> metadata) {
        return metadata.stream().anyMatch(Metadata::entrypoint);
    }

    /** {@code package a.b} and {@code package data.a.b} both give {@code [a, b]}. */
    private static List<String> packagePath(RegoModule module) {
        List<String> path = constantHead(module.pkg().path());
        return "data".equals(path.get(0)) ? path.subList(1, path.size()) : path;
    }

    /** {@code p.q[x]} gives {@code [p, q]}: the name up to the first part that is not a constant string. */
    private static List<String> constantHead(Term.Ref ref) {
        List<String> out = new ArrayList<>();
        out.add(ref.headName());
        for (Term t : ref.path()) {
            if (!(t instanceof Term.Str s)) {
                break;
            }
            out.add(s.value());
        }
        return out;
    }

    private static boolean isPrefix(List<String> prefix, List<String> path) {
        return prefix.size() <= path.size() && path.subList(0, prefix.size()).equals(prefix);
    }
}
