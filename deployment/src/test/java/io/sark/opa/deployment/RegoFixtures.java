package io.sark.opa.deployment;

import io.quarkus.test.QuarkusDevModeTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;

/** Rego policies for the deployment tests: an admin check over data, with its entrypoint marked in METADATA. */
public final class RegoFixtures {

    public static final String ENTRYPOINT = "authz/allow";

    /** v1 syntax; {@code allow} is true for users whose role in {@code data.authz.roles} is admin. */
    public static final String AUTHZ = """
            package authz

            # METADATA
            # entrypoint: true
            allow if data.authz.roles[input.user] == "admin"
            """;

    /** {@code data.authz} as a data file under {@code authz/} sets it. */
    public static final String ROLES = "{\"roles\": {\"alice\": \"admin\", \"bob\": \"user\"}}";

    private RegoFixtures() {}

    /** A dev-mode app deciding with {@code policies/authz/authz.rego} and its data at {@code /decision/rego/{user}}. */
    static QuarkusDevModeTest devModeApp() {
        return new QuarkusDevModeTest().withApplicationRoot(jar -> jar
                .addClasses(DecisionResource.class, PolicyFixtures.class, RegoFixtures.class)
                .addAsResource(new StringAsset(AUTHZ), "policies/authz/authz.rego")
                .addAsResource(new StringAsset(ROLES), "policies/authz/data.json"));
    }
}
