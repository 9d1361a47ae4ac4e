package io.sark.opa.deployment.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.QuarkusUnitTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.shrinkwrap.api.asset.StringAsset;

/** A Rego policy over {@code data.store}, whose decisions show the data they saw. */
final class DataFixtures {

    static final String REGO = """
            package pair

            # METADATA
            # entrypoint: true
            doc := data.store

            # METADATA
            # entrypoint: true
            both := {"a": data.store.a, "b": data.store.b}
            """;
    static final String DATA = "{\"a\": 0, \"b\": 0, \"roles\": {\"alice\": \"admin\"}, \"list\": [1, 2]}";

    private DataFixtures() {}

    /** An application with the policy, its data, and this class. */
    static QuarkusUnitTest app() {
        return new QuarkusUnitTest().withApplicationRoot(jar -> jar
                .addAsResource(new StringAsset(REGO), "policies/pair/pair.rego")
                .addAsResource(new StringAsset(DATA), "policies/store/data.json")
                .addClass(DataFixtures.class))
                .overrideConfigKey("quarkus.http.test-port", "0"); // no fixed port on a shared machine
    }

    /** A decision's value (or JSON text) as a tree, to compare whatever its Java form. */
    static JsonNode json(Object value) {
        try {
            return new ObjectMapper().readTree(String.valueOf(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
