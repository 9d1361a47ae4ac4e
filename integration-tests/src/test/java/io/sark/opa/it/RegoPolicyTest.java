package io.sark.opa.it;

import io.sark.opa.testing.RegoTests;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** The Rego unit tests beside the sample's Rego policy, each a JUnit test, as docs/testing.md shows an application. */
class RegoPolicyTest {
    @TestFactory
    Stream<DynamicNode> toolAccess() {
        return RegoTests.in(Path.of("../policies/tool-access"));
    }
}
