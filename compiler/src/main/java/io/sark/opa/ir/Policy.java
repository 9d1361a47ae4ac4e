package io.sark.opa.ir;

import java.util.List;

/** An OPA IR policy: static strings, files and builtins, one plan per entrypoint, and functions. */
public record Policy(List<String> strings, List<String> files, List<BuiltinFunc> builtinFuncs, List<Plan> plans,
        List<Func> funcs) {
    public Policy {
        strings = List.copyOf(strings);
        files = List.copyOf(files);
        builtinFuncs = List.copyOf(builtinFuncs);
        plans = List.copyOf(plans);
        funcs = List.copyOf(funcs);
    }
}
