package io.sark.opa.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.opa.bundle.BundleReader;
import io.sark.opa.bundle.PolicySource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How {@code quarkus.sark-opa.all-entrypoints} shares documents out among Rego policies: each gets the documents it
 * defines, except those another policy defines too (an entrypoint has one policy), and a configured entrypoint is
 * not listed twice.
 */
class ConfiguredEntrypointsTest {

    private static PolicySource rego(String name, String module) {
        return BundleReader.read(name, name, Map.of("/" + name + ".rego", module.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyDocumentGoesToItsOnlyPolicyAndASharedPrefixToNone() {
        List<PolicySource> sources = List.of(
                rego("orders", "package shop.orders\n\nlimit := 5\n\nf(x) := x\n"),
                rego("users", "package shop.users\n\nadmins contains \"ann\"\n\nlimits.daily := 1\n"));

        Map<String, List<String>> byPolicy = ConfiguredEntrypoints.byPolicy(List.of("shop.orders.limit"), true,
                sources);

        assertThat(byPolicy.get("orders")).containsExactly("shop/orders", "shop/orders/limit");
        assertThat(byPolicy.get("users")).containsExactly("shop/users", "shop/users/admins", "shop/users/limits",
                "shop/users/limits/daily");
    }

    @Test
    void withoutTheOptionOnlyConfiguredEntrypointsAreShared() {
        List<PolicySource> sources = List.of(rego("orders", "package shop.orders\n\nlimit := 5\n"));

        assertThat(ConfiguredEntrypoints.byPolicy(List.of("shop.orders.limit"), false, sources))
                .isEqualTo(Map.of("orders", List.of("shop/orders/limit")));
    }
}
