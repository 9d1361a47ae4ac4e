package io.sark.opa.rego;

/**
 * Entry point: Rego source text to an AST. The syntax version is v1 when the file imports {@code rego.v1},
 * otherwise the given default (v1 unless told).
 */
public final class RegoParser {
    private RegoParser() {}

    public static RegoModule parseModule(String file, String source) {
        return parseModule(file, source, RegoVersion.V1);
    }

    public static RegoModule parseModule(String file, String source, RegoVersion defaultVersion) {
        return new ModuleParser(file, Lexer.lex(file, source), defaultVersion).module();
    }

    /** A query such as {@code x := data.a; x > 1}: the literals of a body, without braces. */
    public static Body parseQuery(String file, String source, RegoVersion version) {
        return new ModuleParser(file, Lexer.lex(file, source), version).query();
    }
}
