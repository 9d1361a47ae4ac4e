package io.sark.opa.builtins.graphql;

import graphql.language.AstTransformer;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.NodeVisitorStub;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.util.TreeTransformerUtil;

/**
 * Marks the string values of a parsed document that were written as block strings ({@code """..."""}):
 * gqlparser gives them their own value kind (BlockValue, 4), graphql-java's {@link StringValue} does not keep
 * the difference, so it is read back from the text at the value's source location.
 */
final class GraphqlBlockStrings {
    static final String MARK = "sark.block";

    private GraphqlBlockStrings() {}

    static boolean isBlock(StringValue value) {
        return value.getAdditionalData().containsKey(MARK);
    }

    static Document mark(Document document, String text) {
        if (!text.contains("\"\"\"")) {
            return document;
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        return (Document) new AstTransformer().transform(document, new NodeVisitorStub() {
            @Override
            public TraversalControl visitStringValue(StringValue node, TraverserContext<Node> context) {
                if (!startsBlock(lines, node.getSourceLocation())) {
                    return TraversalControl.CONTINUE;
                }
                return TreeTransformerUtil.changeNode(context, node.transform(b -> b.additionalData(MARK, "")));
            }
        });
    }

    /** graphql-java's line and column are 1-based, the column counted in code points. */
    private static boolean startsBlock(String[] lines, SourceLocation at) {
        if (at == null || at.getLine() < 1 || at.getLine() > lines.length) {
            return false;
        }
        String line = lines[at.getLine() - 1];
        int column = at.getColumn() - 1;
        if (column < 0 || column > line.codePointCount(0, line.length())) {
            return false;
        }
        return line.startsWith("\"\"\"", line.offsetByCodePoints(0, column));
    }
}
