package io.sark.opa.deployment.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sark.opa.OpaBuiltin;
import io.sark.opa.PolicyBuiltin;
import io.sark.opa.engine.BuiltinContext;
import jakarta.inject.Inject;

/** acme.tier(user): the user's tier from the injected directory; undefined for a user it does not know. */
@OpaBuiltin(name = "acme.tier", arity = 1)
public class TierBuiltin implements PolicyBuiltin {

    @Inject
    TierDirectory directory;

    @Override
    public JsonNode call(BuiltinContext context, JsonNode... args) {
        String tier = directory.tierOf(args[0].asText());
        return tier == null ? null : TextNode.valueOf(tier);
    }
}
