package io.sark.opa.wasm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops a function import together with every function that calls it, directly or not, when none of those
 * is reachable from outside: not exported, not the start function, not in a table. Hosts then need not
 * provide an import the module can never call.
 */
final class UnusedFunctionImport {
    private UnusedFunctionImport() {}

    static boolean remove(BinaryModule m, String module, String name) {
        int target = functionImport(m, module, name);
        if (target < 0) {
            return false;
        }
        Set<Integer> dependents = transitiveCallers(m, target);
        if (reachableFromOutside(m, dependents)) {
            return false;
        }
        FunctionRemoval.remove(m, dependents);
        return true;
    }

    private static int functionImport(BinaryModule m, String module, String name) {
        int index = 0;
        for (Import i : m.imports) {
            if (i.kind() == Import.FUNCTION) {
                if (i.module().equals(module) && i.name().equals(name)) {
                    return index;
                }
                index++;
            }
        }
        return -1;
    }

    /** {@code target} and every function whose calls can reach it. */
    private static Set<Integer> transitiveCallers(BinaryModule m, int target) {
        Map<Integer, List<Integer>> callers = new HashMap<>();
        int imported = m.importedFunctionCount();
        for (int f = imported; f < m.functionCount(); f++) {
            int caller = f;
            FunctionIndexRewriter.code(m.code(f), callee -> {
                callers.computeIfAbsent(callee, k -> new ArrayList<>()).add(caller);
                return callee;
            });
        }
        Set<Integer> found = new HashSet<>(List.of(target));
        Deque<Integer> pending = new ArrayDeque<>(found);
        while (!pending.isEmpty()) {
            for (int caller : callers.getOrDefault(pending.pop(), List.of())) {
                if (found.add(caller)) {
                    pending.push(caller);
                }
            }
        }
        return found;
    }

    private static boolean reachableFromOutside(BinaryModule m, Set<Integer> functions) {
        boolean[] reached = {m.start != null && functions.contains(m.start)};
        for (Export e : m.exports) {
            reached[0] |= e.kind() == Import.FUNCTION && functions.contains(e.index());
        }
        for (byte[] segment : m.elements) {
            FunctionIndexRewriter.element(segment, f -> {
                reached[0] |= functions.contains(f);
                return f;
            });
        }
        return reached[0];
    }
}
