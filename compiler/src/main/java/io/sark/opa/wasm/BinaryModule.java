package io.sark.opa.wasm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A wasm module read section by section, mutable so the plan compiler can splice functions, globals and
 * data into a library module. Function bodies, globals, data and element segments stay encoded; only
 * what linking needs (types, imports, exports, names) is decoded.
 */
public final class BinaryModule {
    /** Custom section kept as read. */
    public record CustomSection(String name, byte[] payload) {}

    /** A name-section subsection other than function names, kept as read. */
    public record NameSubsection(int id, byte[] payload) {}

    final List<FuncType> types = new ArrayList<>();
    final List<Import> imports = new ArrayList<>();
    final List<Integer> functionTypes = new ArrayList<>();
    final List<byte[]> codes = new ArrayList<>();
    final List<byte[]> tables = new ArrayList<>();
    final List<byte[]> memories = new ArrayList<>();
    final List<byte[]> globals = new ArrayList<>();
    final List<Export> exports = new ArrayList<>();
    final List<byte[]> elements = new ArrayList<>();
    final List<byte[]> dataSegments = new ArrayList<>();
    final Map<Integer, String> functionNames = new TreeMap<>();
    final List<NameSubsection> otherNames = new ArrayList<>();
    final List<CustomSection> customs = new ArrayList<>();
    Integer start;
    boolean dataCount;
    boolean hasNameSection;

    public List<FuncType> types() {
        return types;
    }

    public List<Import> imports() {
        return imports;
    }

    public List<Export> exports() {
        return exports;
    }

    public List<CustomSection> customSections() {
        return customs;
    }

    public int importedFunctionCount() {
        return (int) imports.stream().filter(i -> i.kind() == Import.FUNCTION).count();
    }

    public int importedGlobalCount() {
        return (int) imports.stream().filter(i -> i.kind() == Import.GLOBAL).count();
    }

    /** Functions defined in the module (not imported). */
    public int definedFunctionCount() {
        return functionTypes.size();
    }

    public int functionCount() {
        return importedFunctionCount() + definedFunctionCount();
    }

    public int globalCount() {
        return importedGlobalCount() + globals.size();
    }

    public int dataSegmentCount() {
        return dataSegments.size();
    }

    /** Type index of an imported or defined function. */
    public FuncType functionType(int functionIndex) {
        int imported = importedFunctionCount();
        if (functionIndex < imported) {
            int seen = 0;
            for (Import i : imports) {
                if (i.kind() == Import.FUNCTION && seen++ == functionIndex) {
                    return types.get((int) new ByteReader(i.descriptor()).u32());
                }
            }
        }
        return types.get(functionTypes.get(functionIndex - imported));
    }

    /** The index of the function named {@code name} in the name section, or of an imported function of that name. */
    public OptionalInt findFunction(String name) {
        for (Map.Entry<Integer, String> e : functionNames.entrySet()) {
            if (e.getValue().equals(name)) {
                return OptionalInt.of(e.getKey());
            }
        }
        int index = 0;
        for (Import i : imports) {
            if (i.kind() == Import.FUNCTION) {
                if (i.name().equals(name)) {
                    return OptionalInt.of(index);
                }
                index++;
            }
        }
        return OptionalInt.empty();
    }

    public Map<Integer, String> functionNames() {
        return functionNames;
    }

    public boolean hasNameSection() {
        return hasNameSection;
    }

    /** The encoded body (locals and instructions) of a defined function. */
    public byte[] code(int functionIndex) {
        return codes.get(functionIndex - importedFunctionCount());
    }

    public void replaceCode(int functionIndex, byte[] body) {
        codes.set(functionIndex - importedFunctionCount(), body);
    }

    /** Adds a type (or finds an equal one) and returns its index. */
    public int addType(FuncType type) {
        int i = types.indexOf(type);
        if (i >= 0) {
            return i;
        }
        types.add(type);
        return types.size() - 1;
    }

    /** Declares a function of the given type; its body is set with {@link #replaceCode}. Returns its index. */
    public int addFunction(String name, FuncType type, byte[] body) {
        functionTypes.add(addType(type));
        codes.add(body);
        int index = functionCount() - 1;
        functionNames.put(index, name);
        return index;
    }

    /** Adds a mutable i32 global initialised to 0 and returns its index. */
    public int addMutableI32Global() {
        globals.add(new byte[] {(byte) FuncType.I32, 1, 0x41, 0, 0x0b});
        return globalCount() - 1;
    }

    /** Adds an active data segment for memory 0 at a constant address. */
    public void addData(int address, byte[] bytes) {
        ByteWriter w = new ByteWriter().u8(0).u8(0x41).s32(address).u8(0x0b).sized(bytes);
        dataSegments.add(w.toByteArray());
    }

    public OptionalInt start() {
        return start == null ? OptionalInt.empty() : OptionalInt.of(start);
    }

    public void setStart(int functionIndex) {
        start = functionIndex;
    }

    public void addExport(Export export) {
        exports.add(export);
    }

    /** Replaces the import at {@code index}. */
    public void replaceImport(int index, Import replacement) {
        imports.set(index, replacement);
    }

    /**
     * Removes the function import {@code module.name} and the functions that can call it, renumbering the
     * rest, unless one of them is exported, the start function or in a table. Returns whether it was removed.
     */
    public boolean removeFunctionImportIfUnreachable(String module, String name) {
        return UnusedFunctionImport.remove(this, module, name);
    }

    /** Minimum pages of the imported memory; empty when the module imports none. */
    public OptionalInt importedMemoryMinPages() {
        for (Import i : imports) {
            if (i.kind() == Import.MEMORY) {
                ByteReader r = new ByteReader(i.descriptor());
                r.u8();
                return OptionalInt.of(r.u32AsInt());
            }
        }
        return OptionalInt.empty();
    }

    /** Raises the imported memory's minimum, keeping its flags and maximum. */
    public void setImportedMemoryMinPages(int pages) {
        for (int k = 0; k < imports.size(); k++) {
            Import i = imports.get(k);
            if (i.kind() == Import.MEMORY) {
                ByteReader r = new ByteReader(i.descriptor());
                int flags = r.u8();
                r.u32();
                ByteWriter w = new ByteWriter().u8(flags).u32(pages);
                if ((flags & 1) != 0) {
                    long max = r.u32();
                    if (max < pages) {
                        throw new IllegalArgumentException(
                                "memory import " + i.module() + "." + i.name() + ": maximum " + max + " pages is below " + pages);
                    }
                    w.u32(max);
                }
                imports.set(k, new Import(i.module(), i.name(), i.kind(), w.toByteArray()));
                return;
            }
        }
        throw new IllegalStateException("the module imports no memory");
    }
}
