package io.sark.opa.ir;

/** A builtin the plan calls, with its declared number of arguments. */
public record BuiltinFunc(String name, int arity) {}
