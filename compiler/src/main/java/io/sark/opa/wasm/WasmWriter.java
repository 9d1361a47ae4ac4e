package io.sark.opa.wasm;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Encodes a {@link BinaryModule} as a wasm binary, sections in the required order, name section after code and data. */
public final class WasmWriter {
    private WasmWriter() {}

    public static byte[] write(BinaryModule m) {
        ByteWriter out = new ByteWriter().bytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        if (!m.types.isEmpty()) {
            section(out, 1, w -> {
                w.u32(m.types.size());
                for (FuncType t : m.types) {
                    w.u8(0x60);
                    valTypes(w, t.params());
                    valTypes(w, t.results());
                }
            });
        }
        if (!m.imports.isEmpty()) {
            section(out, 2, w -> {
                w.u32(m.imports.size());
                for (Import i : m.imports) {
                    w.name(i.module()).name(i.name()).u8(i.kind()).bytes(i.descriptor());
                }
            });
        }
        if (!m.functionTypes.isEmpty()) {
            section(out, 3, w -> {
                w.u32(m.functionTypes.size());
                m.functionTypes.forEach(w::u32);
            });
        }
        rawVector(out, 4, m.tables);
        rawVector(out, 5, m.memories);
        rawVector(out, 6, m.globals);
        if (!m.exports.isEmpty()) {
            section(out, 7, w -> {
                w.u32(m.exports.size());
                for (Export e : m.exports) {
                    w.name(e.name()).u8(e.kind()).u32(e.index());
                }
            });
        }
        if (m.start != null) {
            section(out, 8, w -> w.u32(m.start));
        }
        rawVector(out, 9, m.elements);
        if (m.dataCount) {
            section(out, 12, w -> w.u32(m.dataSegments.size()));
        }
        if (!m.codes.isEmpty()) {
            section(out, 10, w -> {
                w.u32(m.codes.size());
                m.codes.forEach(w::sized);
            });
        }
        rawVector(out, 11, m.dataSegments);
        if (m.hasNameSection || !m.functionNames.isEmpty()) {
            section(out, 0, w -> {
                w.name("name");
                for (BinaryModule.NameSubsection sub : m.otherNames) {
                    if (sub.id() == 0) {
                        w.u8(0).sized(sub.payload());
                    }
                }
                ByteWriter names = new ByteWriter().u32(m.functionNames.size());
                for (Map.Entry<Integer, String> e : m.functionNames.entrySet()) {
                    names.u32(e.getKey()).name(e.getValue());
                }
                w.u8(1).sized(names.toByteArray());
                for (BinaryModule.NameSubsection sub : m.otherNames) {
                    if (sub.id() != 0) {
                        w.u8(sub.id()).sized(sub.payload());
                    }
                }
            });
        }
        for (BinaryModule.CustomSection c : m.customs) {
            section(out, 0, w -> w.name(c.name()).bytes(c.payload()));
        }
        return out.toByteArray();
    }

    private static void rawVector(ByteWriter out, int id, List<byte[]> entries) {
        if (!entries.isEmpty()) {
            section(out, id, w -> {
                w.u32(entries.size());
                entries.forEach(w::bytes);
            });
        }
    }

    private static void section(ByteWriter out, int id, Consumer<ByteWriter> body) {
        ByteWriter w = new ByteWriter();
        body.accept(w);
        out.u8(id).sized(w.toByteArray());
    }

    private static void valTypes(ByteWriter w, List<Integer> types) {
        w.u32(types.size());
        types.forEach(w::u8);
    }
}
