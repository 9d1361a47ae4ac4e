package io.sark.opa.wasm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * Removes functions (imported or defined) from a module and renumbers the rest everywhere an index occurs:
 * code, exports, start, element segments and the name section. A removed function that is still referenced
 * is an error, so a removal never leaves a dangling index.
 */
final class FunctionRemoval {
    private static final int LOCAL_NAMES = 2;

    private final BinaryModule m;
    private final int[] newIndex;

    private FunctionRemoval(BinaryModule m, Set<Integer> removed) {
        this.m = m;
        this.newIndex = new int[m.functionCount()];
        int next = 0;
        for (int i = 0; i < newIndex.length; i++) {
            newIndex[i] = removed.contains(i) ? -1 : next++;
        }
    }

    static void remove(BinaryModule m, Set<Integer> removed) {
        new FunctionRemoval(m, removed).apply();
    }

    private int map(int index) {
        int mapped = newIndex[index];
        if (mapped < 0) {
            String name = m.functionNames.getOrDefault(index, "#" + index);
            throw new IllegalStateException("function " + name + " is removed but still referenced");
        }
        return mapped;
    }

    private void apply() {
        dropDeclarations();
        IntUnaryOperator map = this::map;
        m.codes.replaceAll(body -> FunctionIndexRewriter.code(body, map));
        m.elements.replaceAll(segment -> FunctionIndexRewriter.element(segment, map));
        m.exports.replaceAll(e -> e.kind() == Import.FUNCTION ? new Export(e.name(), e.kind(), map(e.index())) : e);
        if (m.start != null) {
            m.start = map(m.start);
        }
        Map<Integer, String> names = new TreeMap<>();
        m.functionNames.forEach((index, name) -> {
            if (newIndex[index] >= 0) {
                names.put(newIndex[index], name);
            }
        });
        m.functionNames.clear();
        m.functionNames.putAll(names);
        m.otherNames.replaceAll(sub -> sub.id() == LOCAL_NAMES
                ? new BinaryModule.NameSubsection(LOCAL_NAMES, localNames(sub.payload())) : sub);
    }

    /** Drops the removed functions' imports, types and bodies, last first so earlier positions stay valid. */
    private void dropDeclarations() {
        int imported = m.importedFunctionCount();
        for (int i = newIndex.length - 1; i >= imported; i--) {
            if (newIndex[i] < 0) {
                m.functionTypes.remove(i - imported);
                m.codes.remove(i - imported);
            }
        }
        List<Integer> importPositions = new ArrayList<>();
        for (int k = 0; k < m.imports.size(); k++) {
            if (m.imports.get(k).kind() == Import.FUNCTION) {
                importPositions.add(k);
            }
        }
        for (int i = imported - 1; i >= 0; i--) {
            if (newIndex[i] < 0) {
                m.imports.remove((int) importPositions.get(i));
            }
        }
    }

    /** The local-names subsection (function index, then that function's name map) without removed functions. */
    private byte[] localNames(byte[] payload) {
        ByteReader r = new ByteReader(payload);
        int count = r.u32AsInt();
        List<byte[]> kept = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int function = r.u32AsInt();
            int from = r.position();
            int locals = r.u32AsInt();
            for (int l = 0; l < locals; l++) {
                r.u32();
                r.name();
            }
            if (newIndex[function] >= 0) {
                kept.add(new ByteWriter().u32(newIndex[function]).bytes(r.since(from)).toByteArray());
            }
        }
        ByteWriter w = new ByteWriter().u32(kept.size());
        kept.forEach(w::bytes);
        return w.toByteArray();
    }
}
