package io.sark.opa.runtime.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.DataPatch;
import io.sark.opa.DataUpdateException;
import io.sark.opa.DataUpdateException.Reason;
import io.sark.opa.PolicyData;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import io.sark.opa.runtime.engine.LoadedPolicy;
import io.sark.opa.runtime.engine.PolicyRegistry;
import io.sark.opa.engine.PolicyLoadException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@link PolicyData} for the embedded policies. An update makes each changed policy anew over its new data
 * (sharing the compiled module), then installs the new set in the engine at once, so every decision sees one
 * version; the new fingerprints keep cached decisions of the old data from being answered. One writer at a
 * time, so no update is lost.
 */
@Singleton
public class EmbeddedPolicyData implements PolicyData {

    // reads and writes the documents exactly; the application's mapper only converts its values
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final EmbeddedEngine engine;
    private final ObjectMapper mapper;
    private volatile long revision;
    // the roots of each activated run-time bundle: writes under them are refused, as OPA's server refuses them
    private final Map<String, List<DocumentPath>> bundleRoots = new ConcurrentHashMap<>();

    EmbeddedPolicyData(EmbeddedEngine engine, ObjectMapper mapper) {
        this.engine = engine;
        this.mapper = mapper;
    }

    /** Parses a request body as OPA's Data API reads it: one JSON value. */
    public static JsonNode parse(byte[] json) {
        try {
            JsonNode value = JSON.readTree(json);
            if (value == null || value.isMissingNode()) {
                throw new DataUpdateException(Reason.INVALID, "the body holds no JSON value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new DataUpdateException(Reason.INVALID, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String path, Object value) {
        DocumentPath at = DocumentPath.parse(path);
        JsonNode json = json(value);
        update(List.of(at), doc -> doc.put(at, json.deepCopy()));
    }

    @Override
    public synchronized boolean putIfAbsent(String path, Object value) {
        DocumentPath at = DocumentPath.parse(path);
        checkNotOwnedByBundle(List.of(at));
        for (LoadedPolicy policy : engine.registry().policies()) {
            if (policy.covers(at.segments()) && document(policy).exists(at)) {
                return false;
            }
        }
        put(path, value);
        return true;
    }

    @Override
    public void patch(String path, List<DataPatch> operations) {
        DocumentPath base = DocumentPath.parse(path);
        if (operations.isEmpty()) {
            return; // nothing to change, as OPA commits an empty patch
        }
        List<Consumer<DataDocument>> steps = new ArrayList<>();
        List<DocumentPath> paths = new ArrayList<>();
        for (DataPatch op : operations) {
            DocumentPath at = base.resolve(op.path(), true);
            paths.add(at);
            switch (op.op()) {
                case ADD -> {
                    JsonNode json = json(op.value());
                    steps.add(doc -> doc.add(at, json.deepCopy()));
                }
                case REPLACE -> {
                    JsonNode json = json(op.value());
                    steps.add(doc -> doc.replace(at, json.deepCopy()));
                }
                case REMOVE -> steps.add(doc -> doc.remove(at));
            }
        }
        update(paths, doc -> steps.forEach(step -> step.accept(doc)));
    }

    @Override
    public void remove(String path) {
        DocumentPath at = DocumentPath.parse(path);
        update(List.of(at), doc -> doc.remove(at));
    }

    @Override
    public long revision() {
        return revision;
    }

    /**
     * Applies {@code change}, which writes at {@code paths}, to the data of each policy whose roots cover them
     * all. A policy whose data lacks what the change needs keeps its data, as long as another policy takes the
     * change; an invalid change fails the whole update.
     */
    private synchronized void update(List<DocumentPath> paths, Consumer<DataDocument> change) {
        checkNotOwnedByBundle(paths);
        PolicyRegistry current = engine.registry();
        List<LoadedPolicy> next = new ArrayList<>();
        List<LoadedPolicy> replaced = new ArrayList<>();
        DataUpdateException missing = null;
        for (LoadedPolicy policy : current.policies()) {
            if (!paths.stream().allMatch(path -> policy.covers(path.segments()))) {
                next.add(policy);
                continue;
            }
            DataDocument doc = document(policy);
            try {
                change.accept(doc);
            } catch (DataUpdateException e) {
                if (e.reason() == Reason.INVALID) {
                    throw e;
                }
                missing = missing == null ? e : missing;
                next.add(policy);
                continue;
            }
            next.add(successor(policy, doc));
            replaced.add(policy);
        }
        if (replaced.isEmpty()) {
            throw missing != null ? missing : new DataUpdateException(Reason.NOT_FOUND, paths.get(0)
                    + ": no loaded policy's data covers this path (see the bundles' manifest roots)");
        }
        install(next, replaced);
    }

    /**
     * Activates a data bundle: its data replaces, in one swap, the data under each of its {@code roots} in every
     * policy that owns the root. A root no loaded policy owns fails the whole activation, naming the roots.
     *
     * Roots that overlap another activated bundle's are refused, as OPA refuses them.
     *
     * @param bundle the bundle's name; writes under its roots are refused from now on
     * @param roots the bundle's roots as {@code a/b}; {@code ""} is the whole tree
     * @param data the bundle's whole data document; what lies under its roots is taken
     */
    public synchronized void replaceRoots(String bundle, List<String> roots, JsonNode data) {
        List<DocumentPath> paths = roots.stream().map(DocumentPath::parse).toList();
        checkNoOverlap(bundle, paths);
        Collection<LoadedPolicy> policies = engine.registry().policies();
        List<String> unowned = paths.stream()
                .filter(root -> policies.stream().noneMatch(p -> p.covers(root.segments())))
                .map(DocumentPath::toString).toList();
        if (!unowned.isEmpty()) {
            throw new DataUpdateException(Reason.NOT_FOUND, "no loaded policy owns the bundle's roots "
                    + String.join(", ", unowned) + " (see the policies' manifest roots)");
        }
        List<LoadedPolicy> next = new ArrayList<>();
        List<LoadedPolicy> replaced = new ArrayList<>();
        for (LoadedPolicy policy : policies) {
            List<DocumentPath> owned = paths.stream().filter(root -> policy.covers(root.segments())).toList();
            if (owned.isEmpty()) {
                next.add(policy);
                continue;
            }
            DataDocument doc = document(policy);
            for (DocumentPath root : owned) {
                JsonNode value = data.at(root.isRoot() ? "" : "/" + root.segments().stream()
                        .map(s -> s.replace("~", "~0").replace("/", "~1")).collect(Collectors.joining("/")));
                if (root.isRoot()) {
                    doc.put(root, value.isMissingNode() ? JSON.createObjectNode() : value.deepCopy());
                } else if (!value.isMissingNode()) {
                    doc.put(root, value.deepCopy());
                } else if (doc.exists(root)) {
                    doc.remove(root); // the bundle owns the root and has nothing there
                }
            }
            next.add(successor(policy, doc));
            replaced.add(policy);
        }
        install(next, replaced);
        bundleRoots.put(bundle, paths);
    }

    /**
     * Applies a delta bundle's patch on top of the bundle's active snapshot, in one swap: every operation applies
     * or none does. The delta must own the same roots as the snapshot (OPA: v1/bundle/store.go
     * activateDeltaBundles, applyPatches).
     *
     * @param roots the delta's roots as {@code a/b}
     * @param operations paths under those roots
     */
    public synchronized void applyDelta(String bundle, List<String> roots, List<BundlePatch> operations) {
        List<DocumentPath> owned = bundleRoots.get(bundle);
        if (owned == null) {
            throw new DataUpdateException(Reason.NOT_FOUND, "delta bundle '" + bundle
                    + "' needs an activated snapshot bundle of the same name");
        }
        if (!Set.copyOf(owned).equals(Set.copyOf(roots.stream().map(DocumentPath::parse).toList()))) {
            throw new DataUpdateException(Reason.INVALID, "delta bundle '" + bundle
                    + "' has wasm resolvers or manifest roots that are different from those in the store");
        }
        // each policy that owns a path takes the operation, as each took the snapshot's data under its roots
        Map<LoadedPolicy, DataDocument> changed = new LinkedHashMap<>();
        for (BundlePatch operation : operations) {
            DocumentPath at = DocumentPath.ROOT.resolve(operation.path(), true);
            if (owned.stream().noneMatch(at::isUnder)) {
                throw new DataUpdateException(Reason.INVALID, "delta bundle '" + bundle + "': patch path " + at
                        + " is outside the bundle's roots");
            }
            for (LoadedPolicy policy : engine.registry().policies()) {
                if (policy.covers(at.segments())) {
                    DataDocument doc = changed.computeIfAbsent(policy, EmbeddedPolicyData::document);
                    switch (operation.op()) {
                        case UPSERT -> doc.put(at, operation.value().deepCopy());
                        case REPLACE -> doc.replace(at, operation.value().deepCopy());
                        case REMOVE -> doc.remove(at);
                    }
                }
            }
        }
        List<LoadedPolicy> next = new ArrayList<>();
        for (LoadedPolicy policy : engine.registry().policies()) {
            DataDocument doc = changed.get(policy);
            next.add(doc == null ? policy : successor(policy, doc));
        }
        install(next, List.copyOf(changed.keySet()));
    }

    /**
     * Activates a policy bundle: {@code policy} (its module over its data) replaces the loaded policy of the same
     * name, or joins the others, in one swap; the replaced policy lets go of its instances. Refused, with the old
     * policy left serving, when one of its entrypoints is another policy's or its roots overlap another bundle's.
     *
     * @param bundle the bundle's name; writes under its roots are refused from now on
     * @param roots the bundle's roots as {@code a/b}; {@code ""} is the whole tree
     */
    public synchronized void replacePolicy(String bundle, List<String> roots, LoadedPolicy policy) {
        List<DocumentPath> paths = roots.stream().map(DocumentPath::parse).toList();
        checkNoOverlap(bundle, paths);
        List<LoadedPolicy> next = new ArrayList<>();
        List<LoadedPolicy> replaced = new ArrayList<>();
        for (LoadedPolicy other : engine.registry().policies()) {
            if (other.name().equals(policy.name())) {
                replaced.add(other);
                continue;
            }
            List<String> shared = other.policy().entrypoints().keySet().stream()
                    .filter(policy.policy().entrypoints()::containsKey).sorted().toList();
            if (!shared.isEmpty()) {
                throw new DataUpdateException(Reason.INVALID, "entrypoint" + (shared.size() > 1 ? "s " : " ")
                        + String.join(", ", shared) + " of the bundle's policy belong" + (shared.size() > 1 ? "" : "s")
                        + " to policy '" + other.name() + "'");
            }
            next.add(other);
        }
        next.add(policy);
        install(next, replaced);
        bundleRoots.put(bundle, paths);
    }

    // OPA refuses a bundle whose roots overlap another activated bundle's
    private void checkNoOverlap(String bundle, List<DocumentPath> paths) {
        bundleRoots.forEach((other, owned) -> {
            if (!other.equals(bundle) && paths.stream().anyMatch(p -> owned.stream().anyMatch(o -> overlap(p, o)))) {
                throw new DataUpdateException(Reason.INVALID, "the bundle's roots overlap those of bundle '"
                        + other + "'");
            }
        });
    }

    // OPA's server.checkPathScope: a write at, under or above a bundle's root is the bundle's
    private void checkNotOwnedByBundle(List<DocumentPath> paths) {
        bundleRoots.forEach((bundle, roots) -> {
            for (DocumentPath root : roots) {
                for (DocumentPath path : paths) {
                    if (root.isRoot()) {
                        throw new DataUpdateException(Reason.INVALID, "all paths owned by bundle \"" + bundle + "\"");
                    }
                    if (overlap(path, root)) {
                        throw new DataUpdateException(Reason.INVALID, "path " + String.join("/", path.segments())
                                + " is owned by bundle \"" + bundle + "\"");
                    }
                }
            }
        });
    }

    private static boolean overlap(DocumentPath a, DocumentPath b) {
        int common = Math.min(a.segments().size(), b.segments().size());
        return a.segments().subList(0, common).equals(b.segments().subList(0, common));
    }

    private void install(List<LoadedPolicy> next, List<LoadedPolicy> replaced) {
        engine.install(new PolicyRegistry(next));
        revision++;
        replaced.forEach(LoadedPolicy::retire);
    }

    private static LoadedPolicy successor(LoadedPolicy policy, DataDocument doc) {
        try {
            return policy.withData(JSON.writeValueAsBytes(doc.root()));
        } catch (PolicyLoadException e) {
            throw new DataUpdateException(Reason.INVALID, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataDocument document(LoadedPolicy policy) {
        try {
            return new DataDocument((ObjectNode) JSON.readTree(policy.policy().dataJson()));
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("the data of policy '" + policy.name() + "' is not a JSON object", e);
        }
    }

    private JsonNode json(Object value) {
        try {
            if (value == null) {
                return NullNode.getInstance();
            }
            return value instanceof JsonNode node ? node : mapper.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new DataUpdateException(Reason.INVALID, "the value cannot be written as JSON: " + e.getMessage());
        }
    }
}
