package io.sark.opa.deployment.builtins;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** An application bean the builtin depends on: proves the builtin is a real CDI bean with injection. */
@ApplicationScoped
public class TierDirectory {

    private final Map<String, String> tiers = Map.of("alice", "gold", "bob", "silver");
    private final AtomicInteger lookups = new AtomicInteger();

    String tierOf(String user) {
        lookups.incrementAndGet();
        return tiers.get(user);
    }

    int lookups() {
        return lookups.get();
    }
}
