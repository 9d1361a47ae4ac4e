package io.sark.opa.ir;

/** A statement operand: a local variable or a constant (boolean, or a string from the static strings). */
public sealed interface Operand {
    record Local(int index) implements Operand {}

    record Bool(boolean value) implements Operand {}

    record StringIndex(int index) implements Operand {}
}
