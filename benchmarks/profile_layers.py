#!/usr/bin/env python3
"""Reads a CPU profile of one benchmark (async-profiler's collapsed stacks, as JMH's `-prof async` writes them),
names the frames of Chicory's compiled wasm by function, and splits the samples taken inside the benchmark
method into the layers of a decision (issue #18, item 7):

  input       checking, projecting and encoding the input in Java, laying it out as the runtime's values (our modules)
              or copying its text into wasm memory and parsing it there (OPA's)
  evaluation  the compiled policy: its plan functions, the runtime's value operations and builtins they call
  result      the result set written as JSON in wasm, read out of wasm memory, turned into a decision
  cache       the decision cache: keys and lookups
  host        the rest around the wasm call: evaluator, instance pool, timeout watchdog, wasm call set-up

Usage: profile_layers.py COLLAPSED NAMES.tsv OUT.collapsed OUT.json
NAMES.tsv: `index<TAB>name` of the module's functions (io.sark.opa.benchmarks.WasmFunctionNames). Writes the stacks
with wasm frames named `wasm:<name>` (for the flame graph) and the layers' shares as JSON.
"""
import json
import re
import sys

BENCHMARK_FRAME = re.compile(r"jmh_generated/.*_(avgt|sample|thrpt|ss)_jmhStub")
WASM_FRAME = re.compile(r"com/dylibso/chicory/\$gen/CompiledMachineFuncGroup_\d+\.(?:func|call)_(\d+)")

# Checked from the leaf towards the root: the first frame that matches names the layer of the sample, so a malloc
# called while parsing input is input, and one called by the plan is evaluation.
LAYERS = [
    ("result", re.compile(r"^wasm:(opa_json_dump|opa_value_dump|dump\w*|eval_to_text)$|Memory\.readCString|AbiExports\.cString"
                          r"|io/sark/opa/runtime/json/ResultSet|io/sark/opa/Decision\.")),
    ("input", re.compile(r"^wasm:(opa_json_parse\w*|opa_value_parse|parse_\w+|opa_force\w*)$"
                         r"|io/sark/opa/engine/(JsonText|InputProjector|InputScanner|ObjectInputProjector|InputPaths|RuntimeValueWriter)"
                         r"|OpaPolicy\.(read|inputAsRead)|OpaInstance\.loadable|runtime/engine/InputEncoder"
                         r"|ObjectMapper\.writeValueAsBytes")),
    # the cache's lookup (decision, formerly resultSet) also runs the evaluation on a miss (or when the cache is off): only its own steps count
    ("cache", re.compile(r"io/sark/opa/runtime/cache/(?!DecisionCache\.(resultSet|decision)$)|runtime/json/CanonicalJson"
                         r"|com/github/benmanes/caffeine")),
    ("evaluation", re.compile(r"^wasm:(plan:.*|g\d+\..*|eval|opa_builtin_\w+|opa_host_builtin)$"
                              r"|io/sark/opa/builtins/|io/sark/opa/engine/HostImports\.(call|builtin)")),
]
# copying the input into wasm memory happens in the frame that makes the wasm call
INPUT_COPY = re.compile(r"OpaInstance\.evaluateInOneCall;[^;]*Memory\.write$")


def wasm_names(path):
    names = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            index, _, name = line.rstrip("\n").partition("\t")
            if index.isdigit():
                names[index] = name
    return names


def renamed(frames, names):
    return [WASM_FRAME.sub(lambda m: "wasm:" + names.get(m.group(1), "func_" + m.group(1)), f)
            if WASM_FRAME.search(f) else f for f in frames]


def layer(frames):
    if INPUT_COPY.search(";".join(frames[-3:])):
        return "input"
    for frame in reversed(frames):
        for name, pattern in LAYERS:
            if pattern.search(frame):
                return name
    return "host"


def main(collapsed, names_tsv, out_collapsed, out_json):
    names = wasm_names(names_tsv)
    shares = {"host": 0, "input": 0, "evaluation": 0, "result": 0, "cache": 0}
    outside = 0
    top = {}
    with open(collapsed, encoding="utf-8") as f, open(out_collapsed, "w", encoding="utf-8") as out:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not count.isdigit():
                continue
            frames = renamed(stack.split(";"), names)
            out.write(";".join(frames) + " " + count + "\n")
            inside = next((i for i, fr in enumerate(frames) if BENCHMARK_FRAME.search(fr)), None)
            if inside is None:
                outside += int(count)  # JIT compiler, GC, JMH's own threads
                continue
            frames = frames[inside + 1:]
            shares[layer(frames)] += int(count)
            leaf = frames[-1] if frames else "(benchmark)"
            top[leaf] = top.get(leaf, 0) + int(count)
    total = sum(shares.values())
    if total == 0:
        raise SystemExit(collapsed + ": no sample inside a benchmark method")
    result = {
        "samples": total,
        "samples_outside": outside,
        "layers": {k: v / total for k, v in shares.items()},
        "top_frames": [[k, v / total] for k, v in sorted(top.items(), key=lambda kv: -kv[1])[:8]],
    }
    with open(out_json, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
