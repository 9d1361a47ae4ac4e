package io.sark.opa.builtins.graphql;

import graphql.language.AstTransformer;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.Node;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.util.TreeTransformerUtil;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fragment's variable definitions ({@code fragment f($v: Int = 1) on T}), which gqlparser parses (its
 * FragmentDefinition.VariableDefinition) and graphql-java's grammar does not: graphql-java parses the document with
 * them blanked out, and each fragment keeps their text, parsed again as an operation's when its AST is written.
 */
final class GraphqlFragmentVariables {
    private static final String MARK = "sark.variables";

    private GraphqlFragmentVariables() {}

    static Document parse(String text, List<GraphqlSyntax.FragmentVariables> spans) {
        if (spans.isEmpty()) {
            return Parser.parse(text);
        }
        int[] codePoints = text.codePoints().toArray();
        Map<String, String> byFragment = new HashMap<>();
        for (GraphqlSyntax.FragmentVariables span : spans) {
            byFragment.put(span.fragment(), new String(codePoints, span.from(), span.to() - span.from()));
            for (int i = span.from(); i < span.to(); i++) {
                if (codePoints[i] != '\n' && codePoints[i] != '\r') {
                    codePoints[i] = ' '; // keeps every other node's line and column
                }
            }
        }
        Document document = Parser.parse(new String(codePoints, 0, codePoints.length));
        return (Document) new AstTransformer().transform(document, new NodeVisitorStub() {
            @Override
            public TraversalControl visitFragmentDefinition(FragmentDefinition node, TraverserContext<Node> context) {
                String variables = byFragment.get(node.getName());
                if (variables == null) {
                    return TraversalControl.CONTINUE;
                }
                return TreeTransformerUtil.changeNode(context, node.transform(b -> b.additionalData(MARK, variables)));
            }
        });
    }

    /** The fragment's variable definitions; none when it has none. */
    static List<VariableDefinition> of(FragmentDefinition fragment) {
        String variables = fragment.getAdditionalData().get(MARK);
        if (variables == null) {
            return List.of();
        }
        Document operation = Parser.parse("query " + variables + " { a }");
        return ((OperationDefinition) operation.getDefinitions().get(0)).getVariableDefinitions();
    }
}
