package io.sark.opa.deployment.builtins;

import static io.sark.opa.deployment.PolicyFixtures.bundle;
import static io.sark.opa.deployment.PolicyFixtures.utf8;

import java.util.Map;

/**
 * A plan bundle whose entrypoint {@code acme/tier} decides {@code acme.tier(input.user)}: the IR that
 * {@code opa build -t plan} writes for {@code tier := acme.tier(input.user)} with {@code acme.tier} declared
 * as a custom builtin in OPA's capabilities.
 */
final class TierPlan {

    static final String ENTRYPOINT = "acme/tier";
    static final String RESOURCE = "policies/tiers.tar.gz";

    private static final String PLAN = """
            {
              "static": {
                "strings": [{"value": "result"}, {"value": "user"}],
                "builtin_funcs": [{"name": "acme.tier", "decl": {"type": "function",
                    "args": [{"name": "user", "type": "string"}], "result": {"name": "tier", "type": "string"}}}],
                "files": [{"value": "tiers.rego"}]
              },
              "plans": {"plans": [{"name": "acme/tier", "blocks": [{"stmts": [
                {"type": "DotStmt", "stmt": {"source": {"type": "local", "value": 0},
                    "key": {"type": "string_index", "value": 1}, "target": 2, "file": 0, "row": 3, "col": 1}},
                {"type": "CallStmt", "stmt": {"func": "acme.tier", "args": [{"type": "local", "value": 2}],
                    "result": 3, "file": 0, "row": 3, "col": 1}},
                {"type": "MakeObjectStmt", "stmt": {"target": 4, "file": 0, "row": 3, "col": 1}},
                {"type": "ObjectInsertStmt", "stmt": {"key": {"type": "string_index", "value": 0},
                    "value": {"type": "local", "value": 3}, "object": 4, "file": 0, "row": 3, "col": 1}},
                {"type": "ResultSetAddStmt", "stmt": {"value": 4, "file": 0, "row": 3, "col": 1}}
              ]}]}]},
              "funcs": {"funcs": []}
            }
            """;

    private TierPlan() {}

    static byte[] bundleBytes() {
        return bundle(Map.of("plan.json", utf8(PLAN)));
    }
}
