package io.sark.opa.wasm;

import java.util.List;

/** Reads a wasm binary (MVP sections plus data count and the name section) into a {@link BinaryModule}. */
public final class WasmReader {
    private static final byte[] MAGIC = {0, 'a', 's', 'm', 1, 0, 0, 0};

    private WasmReader() {}

    public static BinaryModule read(byte[] wasm) {
        if (wasm.length < 8) {
            throw new WasmFormatException("not a wasm module: only " + wasm.length + " bytes");
        }
        for (int i = 0; i < 8; i++) {
            if (wasm[i] != MAGIC[i]) {
                throw new WasmFormatException("not a wasm 1.0 module: bad magic or version");
            }
        }
        BinaryModule m = new BinaryModule();
        ByteReader r = new ByteReader(wasm, 8, wasm.length);
        int lastId = 0;
        while (!r.atEnd()) {
            int id = r.u8();
            int size = r.u32AsInt();
            int from = r.position();
            if (from + size > wasm.length) {
                throw new WasmFormatException("section " + id + " at offset " + from + " runs past the end");
            }
            ByteReader s = new ByteReader(wasm, from, from + size);
            if (id != 0) {
                int order = order(id);
                if (order <= lastId) {
                    throw new WasmFormatException("section " + id + " out of order at offset " + from);
                }
                lastId = order;
            }
            readSection(m, id, s);
            r.bytes(size);
        }
        if (m.functionTypes.size() != m.codes.size()) {
            throw new WasmFormatException("function section declares " + m.functionTypes.size()
                    + " functions but the code section has " + m.codes.size());
        }
        return m;
    }

    /** Position of a section id in the binary's required order (data count sits before code). */
    static int order(int id) {
        return switch (id) {
            case 1, 2, 3, 4, 5, 6, 7, 8, 9 -> id;
            case 12 -> 10;
            case 10 -> 11;
            case 11 -> 12;
            default -> throw new WasmFormatException("unknown section id " + id);
        };
    }

    private static void readSection(BinaryModule m, int id, ByteReader s) {
        switch (id) {
            case 0 -> readCustom(m, s);
            case 1 -> {
                int n = s.u32AsInt();
                for (int i = 0; i < n; i++) {
                    if (s.u8() != 0x60) {
                        throw new WasmFormatException("type " + i + " is not a function type");
                    }
                    List<Integer> params = valTypes(s);
                    List<Integer> results = valTypes(s);
                    m.types.add(new FuncType(params, results));
                }
            }
            case 2 -> {
                int n = s.u32AsInt();
                for (int i = 0; i < n; i++) {
                    String module = s.name();
                    String name = s.name();
                    int kind = s.u8();
                    int from = s.position();
                    switch (kind) {
                        case Import.FUNCTION -> s.u32();
                        case Import.TABLE -> {
                            s.u8();
                            limits(s);
                        }
                        case Import.MEMORY -> limits(s);
                        case Import.GLOBAL -> {
                            s.u8();
                            s.u8();
                        }
                        default -> throw new WasmFormatException("import " + module + "." + name + ": unknown kind " + kind);
                    }
                    m.imports.add(new Import(module, name, kind, s.since(from)));
                }
            }
            case 3 -> {
                int n = s.u32AsInt();
                for (int i = 0; i < n; i++) {
                    m.functionTypes.add(s.u32AsInt());
                }
            }
            case 4 -> {
                int n = s.u32AsInt();
                for (int i = 0; i < n; i++) {
                    int from = s.position();
                    s.u8();
                    limits(s);
                    m.tables.add(s.since(from));
                }
            }
            case 5 -> {
                int n = s.u32AsInt();
                for (int i = 0; i < n; i++) {
                    int from = s.position();
                    limits(s);
                    m.memories.add(s.since(from));
                }
            }
            case 6 -> {
                int n = s.u32AsInt();
                for (int i = 0; i < n; i++) {
                    int from = s.position();
                    s.u8();
                    s.u8();
                    s.skipConstExpr();
                    m.globals.add(s.since(from));
                }
            }
            case 7 -> {
                int n = s.u32AsInt();
                for (int i = 0; i < n; i++) {
                    String name = s.name();
                    int kind = s.u8();
                    m.exports.add(new Export(name, kind, s.u32AsInt()));
                }
            }
            case 8 -> m.start = s.u32AsInt();
            case 9 -> {
                int n = s.u32AsInt();
                for (int i = 0; i < n; i++) {
                    m.elements.add(element(s));
                }
            }
            case 10 -> {
                int n = s.u32AsInt();
                for (int i = 0; i < n; i++) {
                    m.codes.add(s.bytes(s.u32AsInt()));
                }
            }
            case 11 -> {
                int n = s.u32AsInt();
                for (int i = 0; i < n; i++) {
                    int from = s.position();
                    int mode = s.u8();
                    switch (mode) {
                        case 0 -> s.skipConstExpr();
                        case 1 -> { }
                        case 2 -> {
                            s.u32();
                            s.skipConstExpr();
                        }
                        default -> throw new WasmFormatException("data segment " + i + ": unknown mode " + mode);
                    }
                    s.bytes(s.u32AsInt());
                    m.dataSegments.add(s.since(from));
                }
            }
            case 12 -> {
                s.u32();
                m.dataCount = true;
            }
            default -> throw new WasmFormatException("unknown section id " + id);
        }
        if (id != 0 && !s.atEnd()) {
            throw new WasmFormatException("section " + id + " has trailing bytes at offset " + s.position());
        }
    }

    private static void readCustom(BinaryModule m, ByteReader s) {
        String name = s.name();
        int from = s.position();
        if (!name.equals("name") || m.hasNameSection) {
            while (!s.atEnd()) {
                s.u8();
            }
            m.customs.add(new BinaryModule.CustomSection(name, s.since(from)));
            return;
        }
        m.hasNameSection = true;
        while (!s.atEnd()) {
            int sub = s.u8();
            byte[] payload = s.bytes(s.u32AsInt());
            if (sub == 1) {
                ByteReader n = new ByteReader(payload);
                int count = n.u32AsInt();
                for (int i = 0; i < count; i++) {
                    int index = n.u32AsInt();
                    m.functionNames.put(index, n.name());
                }
            } else {
                m.otherNames.add(new BinaryModule.NameSubsection(sub, payload));
            }
        }
    }

    private static byte[] element(ByteReader s) {
        int from = s.position();
        int flags = s.u32AsInt();
        if (flags == 0) {
            s.skipConstExpr();
            skipIndices(s);
        } else if (flags == 1 || flags == 3) {
            s.u8();
            skipIndices(s);
        } else if (flags == 2) {
            s.u32();
            s.skipConstExpr();
            s.u8();
            skipIndices(s);
        } else {
            throw new WasmFormatException("element segment flags " + flags + " are not supported");
        }
        return s.since(from);
    }

    private static void skipIndices(ByteReader s) {
        int n = s.u32AsInt();
        for (int i = 0; i < n; i++) {
            s.u32();
        }
    }

    private static void limits(ByteReader s) {
        int flags = s.u8();
        s.u32();
        if ((flags & 1) != 0) {
            s.u32();
        }
    }

    private static List<Integer> valTypes(ByteReader s) {
        int n = s.u32AsInt();
        Integer[] t = new Integer[n];
        for (int i = 0; i < n; i++) {
            t[i] = s.u8();
        }
        return List.of(t);
    }
}
