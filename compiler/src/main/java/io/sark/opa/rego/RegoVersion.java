package io.sark.opa.rego;

/**
 * Rego syntax version of one file. V0 (OPA before 1.0): {@code if contains in every} are plain names unless imported
 * from {@code future.keywords}, and rule bodies need no {@code if}. V1 (OPA 1.0, chosen by {@code import rego.v1}
 * or the parser option): those four are keywords, bodies need {@code if}, multi-value rules need {@code contains}.
 */
public enum RegoVersion {
    V0,
    V1
}
