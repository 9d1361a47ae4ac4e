package io.sark.opa.ir;

import java.util.List;

/** The plan of one entrypoint: its blocks run in order; locals 0 and 1 hold input and data. */
public record Plan(String name, List<Block> blocks) {
    public Plan {
        blocks = List.copyOf(blocks);
    }
}
