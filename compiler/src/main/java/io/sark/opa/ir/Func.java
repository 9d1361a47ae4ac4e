package io.sark.opa.ir;

import java.util.List;

/**
 * A function of the plan (a rule or a user function). Parameters are locals, the first two being input
 * and data; {@code path} is the rule's data path (used by dynamic calls).
 */
public record Func(String name, List<Integer> params, int returnLocal, List<Block> blocks, List<String> path) {
    public Func {
        params = List.copyOf(params);
        blocks = List.copyOf(blocks);
        path = List.copyOf(path);
    }
}
