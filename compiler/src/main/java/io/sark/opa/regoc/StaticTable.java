package io.sark.opa.regoc;

import io.sark.opa.ir.BuiltinFunc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The policy-wide static section being built: interned strings, source files and called builtins. */
final class StaticTable {
    private final Map<String, Integer> strings = new LinkedHashMap<>();
    private final Map<String, Integer> files = new LinkedHashMap<>();
    private final Map<String, Integer> builtins = new LinkedHashMap<>();

    int string(String s) {
        return strings.computeIfAbsent(s, k -> strings.size());
    }

    int file(String name) {
        return files.computeIfAbsent(name == null ? "" : name, k -> files.size());
    }

    void builtin(String name, int arity) {
        builtins.putIfAbsent(name, arity);
    }

    List<String> strings() {
        return new ArrayList<>(strings.keySet());
    }

    List<String> files() {
        return new ArrayList<>(files.keySet());
    }

    List<BuiltinFunc> builtinFuncs() {
        List<BuiltinFunc> out = new ArrayList<>();
        builtins.forEach((name, arity) -> out.add(new BuiltinFunc(name, arity)));
        return out;
    }
}
