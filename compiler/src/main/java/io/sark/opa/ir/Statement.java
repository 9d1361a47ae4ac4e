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

    /** The blocks this statement runs (those of block, not, scan and with statements). */
    default List<Block> nested() {
        return List.of();
    }

    /** Runs the visitor's method for this statement's kind. */
    <C> void accept(Visitor<C> visitor, C context);

    /**
     * One method per statement kind, so a back end that implements it handles every kind: adding a statement
     * record without a method here does not compile.
     */
    interface Visitor<C> {
        void visit(ArrayAppendStmt s, C context);

        void visit(AssignIntStmt s, C context);

        void visit(AssignVarOnceStmt s, C context);

        void visit(AssignVarStmt s, C context);

        void visit(BlockStmt s, C context);

        void visit(BreakStmt s, C context);

        void visit(CallDynamicStmt s, C context);

        void visit(CallStmt s, C context);

        void visit(DotStmt s, C context);

        void visit(EqualStmt s, C context);

        void visit(IsArrayStmt s, C context);

        void visit(IsDefinedStmt s, C context);

        void visit(IsObjectStmt s, C context);

        void visit(IsSetStmt s, C context);

        void visit(IsUndefinedStmt s, C context);

        void visit(LenStmt s, C context);

        void visit(MakeArrayStmt s, C context);

        void visit(MakeNullStmt s, C context);

        void visit(MakeNumberIntStmt s, C context);

        void visit(MakeNumberRefStmt s, C context);

        void visit(MakeObjectStmt s, C context);

        void visit(MakeSetStmt s, C context);

        void visit(NopStmt s, C context);

        void visit(NotEqualStmt s, C context);

        void visit(NotStmt s, C context);

        void visit(ObjectInsertOnceStmt s, C context);

        void visit(ObjectInsertStmt s, C context);

        void visit(ObjectMergeStmt s, C context);

        void visit(ResetLocalStmt s, C context);

        void visit(ResultSetAddStmt s, C context);

        void visit(ReturnLocalStmt s, C context);

        void visit(ScanStmt s, C context);

        void visit(SetAddStmt s, C context);

        void visit(WithStmt s, C context);
    }

    record ArrayAppendStmt(StatementLocation location, Operand value, int array) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record AssignIntStmt(StatementLocation location, long value, int target) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record AssignVarOnceStmt(StatementLocation location, Operand source, int target) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record AssignVarStmt(StatementLocation location, Operand source, int target) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record BlockStmt(StatementLocation location, List<Block> blocks) implements Statement {
        public BlockStmt {
            blocks = List.copyOf(blocks);
        }

        @Override
        public List<Block> nested() {
            return blocks;
        }

        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record BreakStmt(StatementLocation location, int index) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record CallDynamicStmt(StatementLocation location, List<Integer> args, int result, List<Operand> path) implements Statement {
        public CallDynamicStmt {
            args = List.copyOf(args);
            path = List.copyOf(path);
        }

        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record CallStmt(StatementLocation location, String func, List<Operand> args, int result) implements Statement {
        public CallStmt {
            args = List.copyOf(args);
        }

        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record DotStmt(StatementLocation location, Operand source, Operand key, int target) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record EqualStmt(StatementLocation location, Operand a, Operand b) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record IsArrayStmt(StatementLocation location, Operand source) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record IsDefinedStmt(StatementLocation location, int source) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record IsObjectStmt(StatementLocation location, Operand source) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record IsSetStmt(StatementLocation location, Operand source) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record IsUndefinedStmt(StatementLocation location, int source) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record LenStmt(StatementLocation location, Operand source, int target) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record MakeArrayStmt(StatementLocation location, int capacity, int target) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record MakeNullStmt(StatementLocation location, int target) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record MakeNumberIntStmt(StatementLocation location, long value, int target) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    /** A number from the decimal text of static string {@code index}. */
    record MakeNumberRefStmt(StatementLocation location, int index, int target) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record MakeObjectStmt(StatementLocation location, int target) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record MakeSetStmt(StatementLocation location, int target) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record NopStmt(StatementLocation location) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record NotEqualStmt(StatementLocation location, Operand a, Operand b) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record NotStmt(StatementLocation location, Block block) implements Statement {
        @Override
        public List<Block> nested() {
            return List.of(block);
        }

        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record ObjectInsertOnceStmt(StatementLocation location, Operand key, Operand value, int object) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record ObjectInsertStmt(StatementLocation location, Operand key, Operand value, int object) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record ObjectMergeStmt(StatementLocation location, int a, int b, int target) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record ResetLocalStmt(StatementLocation location, int target) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record ResultSetAddStmt(StatementLocation location, int value) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record ReturnLocalStmt(StatementLocation location, int source) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record ScanStmt(StatementLocation location, int source, int key, int value, Block block) implements Statement {
        @Override
        public List<Block> nested() {
            return List.of(block);
        }

        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    record SetAddStmt(StatementLocation location, Operand value, int set) implements Statement {
        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }

    /** Runs {@code block} with {@code local} replaced at {@code path} (static string indices) by {@code value}. */
    record WithStmt(StatementLocation location, int local, List<Integer> path, Operand value, Block block) implements Statement {
        public WithStmt {
            path = List.copyOf(path);
        }

        @Override
        public List<Block> nested() {
            return List.of(block);
        }

        @Override
        public <C> void accept(Visitor<C> visitor, C context) {
            visitor.visit(this, context);
        }
    }
}
