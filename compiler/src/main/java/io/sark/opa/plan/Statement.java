package io.sark.opa.plan;

import java.util.List;

/**
 * The statements of OPA's IR, one record each, named as OPA names them. A statement that is
 * "undefined" ends the block it is in; {@link BreakStmt} leaves {@code index + 1} enclosing blocks.
 */
public sealed interface Statement {
    Location location();

    /** The type name OPA gives the statement in plan JSON. */
    default String typeName() {
        return getClass().getSimpleName();
    }

    record ArrayAppendStmt(Location location, Operand value, int array) implements Statement {}

    record AssignIntStmt(Location location, long value, int target) implements Statement {}

    record AssignVarOnceStmt(Location location, Operand source, int target) implements Statement {}

    record AssignVarStmt(Location location, Operand source, int target) implements Statement {}

    record BlockStmt(Location location, List<Block> blocks) implements Statement {
        public BlockStmt {
            blocks = List.copyOf(blocks);
        }
    }

    record BreakStmt(Location location, int index) implements Statement {}

    record CallDynamicStmt(Location location, List<Integer> args, int result, List<Operand> path) implements Statement {
        public CallDynamicStmt {
            args = List.copyOf(args);
            path = List.copyOf(path);
        }
    }

    record CallStmt(Location location, String func, List<Operand> args, int result) implements Statement {
        public CallStmt {
            args = List.copyOf(args);
        }
    }

    record DotStmt(Location location, Operand source, Operand key, int target) implements Statement {}

    record EqualStmt(Location location, Operand a, Operand b) implements Statement {}

    record IsArrayStmt(Location location, Operand source) implements Statement {}

    record IsDefinedStmt(Location location, int source) implements Statement {}

    record IsObjectStmt(Location location, Operand source) implements Statement {}

    record IsSetStmt(Location location, Operand source) implements Statement {}

    record IsUndefinedStmt(Location location, int source) implements Statement {}

    record LenStmt(Location location, Operand source, int target) implements Statement {}

    record MakeArrayStmt(Location location, int capacity, int target) implements Statement {}

    record MakeNullStmt(Location location, int target) implements Statement {}

    record MakeNumberIntStmt(Location location, long value, int target) implements Statement {}

    /** A number from the decimal text of static string {@code index}. */
    record MakeNumberRefStmt(Location location, int index, int target) implements Statement {}

    record MakeObjectStmt(Location location, int target) implements Statement {}

    record MakeSetStmt(Location location, int target) implements Statement {}

    record NopStmt(Location location) implements Statement {}

    record NotEqualStmt(Location location, Operand a, Operand b) implements Statement {}

    record NotStmt(Location location, Block block) implements Statement {}

    record ObjectInsertOnceStmt(Location location, Operand key, Operand value, int object) implements Statement {}

    record ObjectInsertStmt(Location location, Operand key, Operand value, int object) implements Statement {}

    record ObjectMergeStmt(Location location, int a, int b, int target) implements Statement {}

    record ResetLocalStmt(Location location, int target) implements Statement {}

    record ResultSetAddStmt(Location location, int value) implements Statement {}

    record ReturnLocalStmt(Location location, int source) implements Statement {}

    record ScanStmt(Location location, int source, int key, int value, Block block) implements Statement {}

    record SetAddStmt(Location location, Operand value, int set) implements Statement {}

    /** Runs {@code block} with {@code local} replaced at {@code path} (static string indices) by {@code value}. */
    record WithStmt(Location location, int local, List<Integer> path, Operand value, Block block) implements Statement {
        public WithStmt {
            path = List.copyOf(path);
        }
    }
}
