package io.sark.opa.plan;

import java.util.HashMap;
import java.util.Map;

/** Maps IR locals to wasm locals of one function: parameters first, the rest on first use, plus temporaries. */
final class Locals {
    private final Map<Integer, Integer> byIr = new HashMap<>();
    private final int params;
    private int next;

    Locals(int params) {
        this.params = params;
        this.next = params;
    }

    /** Binds an IR local to a wasm parameter. */
    void bindParam(int irLocal, int param) {
        byIr.put(irLocal, param);
    }

    int of(int irLocal) {
        return byIr.computeIfAbsent(irLocal, l -> next++);
    }

    int temp() {
        return next++;
    }

    /** Locals to declare beyond the parameters. */
    int declared() {
        return next - params;
    }
}
