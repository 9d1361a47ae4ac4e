package io.sark.opa.rego;

import io.sark.opa.rego.Token.Kind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Position in the token list, shared by the parsers, plus which words are keywords right now (the set grows while
 * the imports are read). Backtracking is just resetting the index.
 */
final class TokenCursor {
    /** Keywords in every version. */
    private static final Set<String> ALWAYS = Set.of("package", "import", "as", "default", "else", "not", "some",
            "with", "null", "true", "false");
    /** Keywords of v1, and of v0 once imported from {@code future.keywords}. */
    static final List<String> FUTURE = List.of("if", "contains", "in", "every");

    private final List<Token> tokens;
    private int pos;
    private RegoVersion version;
    private final Set<String> future = new HashSet<>();
    /** Where a keyword may be read as a name (see {@link #keywordNameHere()}), and whether only before a ref. */
    private int keywordNameAt = -1;
    private boolean keywordNameOnlyInRef;

    TokenCursor(List<Token> tokens, RegoVersion version) {
        this.tokens = tokens;
        setVersion(version);
    }

    RegoVersion version() {
        return version;
    }

    void setVersion(RegoVersion version) {
        this.version = version;
        if (version == RegoVersion.V1) {
            future.addAll(FUTURE);
        }
    }

    /** {@code import future.keywords.not}: {@code not} takes a body in braces (OPA's notBodies). */
    private boolean notBodies;

    void enableNotBodies() {
        notBodies = true;
    }

    boolean notBodies() {
        return notBodies;
    }

    void enableKeyword(String word) {
        future.add(word);
    }

    boolean isKeyword(String word) {
        return ALWAYS.contains(word) || future.contains(word);
    }

    /** A keyword of the file's version whatever its imports (OPA's IsKeywordInRegoVersion). */
    boolean isVersionKeyword(String word) {
        return ALWAYS.contains(word) || (version == RegoVersion.V1 && FUTURE.contains(word));
    }

    Token peek() {
        return tokens.get(pos);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    /** The token just consumed. */
    Token previous() {
        return tokens.get(pos - 1);
    }

    Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.EOF) {
            pos++;
        }
        return t;
    }

    boolean at(Kind kind) {
        return peek().kind() == kind;
    }

    /**
     * At a keyword written as the first name of a ref ({@code else.x}, {@code package[0]}): directly followed by
     * {@code .} or {@code [}. OPA's parser (v1/ast/parser.go, scanAheadRef) reads it as a name where a literal, a
     * rule or an {@code else}'s successor begins.
     */
    boolean atKeywordRef() {
        Token next = peek(1);
        return peek().kind() == Kind.IDENT && isKeyword(peek().text()) && !next.spaceBefore()
                && (next.kind() == Kind.DOT || next.kind() == Kind.LBRACK);
    }

    /**
     * Lets the term at the current position begin with a keyword used as a name: only as a ref's first name
     * ({@code onlyInRef}, where a literal or a rule begins) or as any name (a package or import path's first
     * name, which OPA's parser reads with isIdentOrAllowedRefKeyword).
     */
    void allowKeywordName(boolean onlyInRef) {
        keywordNameAt = pos;
        keywordNameOnlyInRef = onlyInRef;
    }

    /** At a keyword that {@link #allowKeywordName} lets be read as a name. */
    boolean keywordNameHere() {
        return pos == keywordNameAt && peek().kind() == Kind.IDENT && isKeyword(peek().text())
                && (!keywordNameOnlyInRef || atKeywordRef());
    }

    /** At the word and it is a keyword now. */
    boolean atKeyword(String word) {
        return peek().isWord(word) && isKeyword(word);
    }

    boolean accept(Kind kind) {
        if (at(kind)) {
            next();
            return true;
        }
        return false;
    }

    boolean acceptKeyword(String word) {
        if (atKeyword(word)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(Kind kind) {
        if (!at(kind)) {
            throw expected(kind.describe());
        }
        return next();
    }

    Token expectKeyword(String word) {
        if (!atKeyword(word)) {
            throw expected("'" + word + "'");
        }
        return next();
    }

    int mark() {
        return pos;
    }

    void reset(int mark) {
        pos = mark;
    }

    /** An error at the current token: {@code expected X but found Y}. */
    RegoParseException expected(String what) {
        return new RegoParseException(peek().loc(), "expected " + what + " but found " + peek().describe());
    }

    RegoParseException error(Location loc, String message) {
        return new RegoParseException(loc, message);
    }
}
