package io.sark.opa.ir;

import java.util.List;

/**
 * The statements of OPA's IR, one record each, named as OPA names them. A statement that is
 * "undefined" ends the block it is in; {@link BreakStmt} leaves {@code index + 1} enclosing blocks.
 */
public sealed interface Statement {
    StatementLocation location();

    /** The type name OPA gives the statement in plan JSON. */
    default String typeName() {
        return getClass().getSimpleName();
    }

    record ArrayAppendStmt(StatementLocation location, Operand value, int array) implements Statement {}

    record AssignIntStmt(StatementLocation location, long value, int target) implements Statement {}

    record AssignVarOnceStmt(StatementLocation location, Operand source, int target) implements Statement {}

    record AssignVarStmt(StatementLocation location, Operand source, int target) implements Statement {}

    record BlockStmt(StatementLocation location, List<Block> blocks) implements Statement {
        public BlockStmt {
            blocks = List.copyOf(blocks);
        }
    }

    record BreakStmt(StatementLocation location, int index) implements Statement {}

    record CallDynamicStmt(StatementLocation location, List<Integer> args, int result, List<Operand> path) implements Statement {
        public CallDynamicStmt {
            args = List.copyOf(args);
            path = List.copyOf(path);
        }
    }

    record CallStmt(StatementLocation location, String func, List<Operand> args, int result) implements Statement {
        public CallStmt {
            args = List.copyOf(args);
        }
    }

    record DotStmt(StatementLocation location, Operand source, Operand key, int target) implements Statement {}

    record EqualStmt(StatementLocation location, Operand a, Operand b) implements Statement {}

    record IsArrayStmt(StatementLocation location, Operand source) implements Statement {}

    record IsDefinedStmt(StatementLocation location, int source) implements Statement {}

    record IsObjectStmt(StatementLocation location, Operand source) implements Statement {}

    record IsSetStmt(StatementLocation location, Operand source) implements Statement {}

    record IsUndefinedStmt(StatementLocation location, int source) implements Statement {}

    record LenStmt(StatementLocation location, Operand source, int target) implements Statement {}

    record MakeArrayStmt(StatementLocation location, int capacity, int target) implements Statement {}

    record MakeNullStmt(StatementLocation location, int target) implements Statement {}

    record MakeNumberIntStmt(StatementLocation location, long value, int target) implements Statement {}

    /** A number from the decimal text of static string {@code index}. */
    record MakeNumberRefStmt(StatementLocation location, int index, int target) implements Statement {}

    record MakeObjectStmt(StatementLocation location, int target) implements Statement {}

    record MakeSetStmt(StatementLocation location, int target) implements Statement {}

    record NopStmt(StatementLocation location) implements Statement {}

    record NotEqualStmt(StatementLocation location, Operand a, Operand b) implements Statement {}

    record NotStmt(StatementLocation location, Block block) implements Statement {}

    record ObjectInsertOnceStmt(StatementLocation location, Operand key, Operand value, int object) implements Statement {}

    record ObjectInsertStmt(StatementLocation location, Operand key, Operand value, int object) implements Statement {}

    record ObjectMergeStmt(StatementLocation location, int a, int b, int target) implements Statement {}

    record ResetLocalStmt(StatementLocation location, int target) implements Statement {}

    record ResultSetAddStmt(StatementLocation location, int value) implements Statement {}

    record ReturnLocalStmt(StatementLocation location, int source) implements Statement {}

    record ScanStmt(StatementLocation location, int source, int key, int value, Block block) implements Statement {}

    record SetAddStmt(StatementLocation location, Operand value, int set) implements Statement {}

    /** Runs {@code block} with {@code local} replaced at {@code path} (static string indices) by {@code value}. */
    record WithStmt(StatementLocation location, int local, List<Integer> path, Operand value, Block block) implements Statement {
        public WithStmt {
            path = List.copyOf(path);
        }
    }
}
