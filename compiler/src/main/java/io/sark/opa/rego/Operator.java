package io.sark.opa.rego;

import io.sark.opa.rego.Token.Kind;

/**
 * Infix operators on terms and the builtin each one calls, by binding strength (OPA's order): {@code in} binds
 * loosest, then comparisons, {@code |}, {@code &}, {@code + -}, and {@code * / %} tightest. All are
 * left-associative. {@code =} and {@code :=} are not here: they join whole expressions (see {@link Expr}).
 */
public enum Operator {
    EQUAL(Kind.EQUAL, "equal", 1), NEQ(Kind.NEQ, "neq", 1),
    LT(Kind.LT, "lt", 1), LTE(Kind.LTE, "lte", 1), GT(Kind.GT, "gt", 1), GTE(Kind.GTE, "gte", 1),
    OR(Kind.PIPE, "or", 2),
    AND(Kind.AMP, "and", 3),
    PLUS(Kind.PLUS, "plus", 4), MINUS(Kind.MINUS, "minus", 4),
    MUL(Kind.STAR, "mul", 5), DIV(Kind.SLASH, "div", 5), REM(Kind.PERCENT, "rem", 5);

    /** Builtin of {@code x in xs}. */
    public static final String MEMBER = "internal.member_2";
    /** Builtin of {@code k, v in xs}. */
    public static final String MEMBER_3 = "internal.member_3";
    public static final int LOOSEST = 1;
    public static final int TIGHTEST = 5;

    public final Kind token;
    public final String builtin;
    public final int level;

    Operator(Kind token, String builtin, int level) {
        this.token = token;
        this.builtin = builtin;
        this.level = level;
    }

    /** The operator of a token at the given level, or null. */
    static Operator of(Kind token, int level) {
        for (Operator op : values()) {
            if (op.token == token && op.level == level) {
                return op;
            }
        }
        return null;
    }

    /** The operator whose builtin this is, or null (for printing calls back as infix). */
    public static Operator ofBuiltin(String builtin) {
        for (Operator op : values()) {
            if (op.builtin.equals(builtin)) {
                return op;
            }
        }
        return null;
    }
}
