package io.sark.opa.runtime;

import io.sark.opa.engine.OpaPolicy;
import java.time.Duration;

/**
 * The extension's loaded policy outside Quarkus, with its default settings, so that a benchmark measures the
 * evaluator a user gets. Lives in the runtime's package only to reach its package-private constructor.
 */
public final class StandaloneRuntime {

    private StandaloneRuntime() {}

    public static LoadedPolicy load(OpaPolicy policy, String revision, boolean cacheEnabled) {
        return new LoadedPolicy(policy, revision, defaults(cacheEnabled));
    }

    /** {@link SarkOpaConfig}'s defaults. */
    public static SarkOpaConfig defaults(boolean cacheEnabled) {
        return new SarkOpaConfig() {
            public int maxMemoryPages() {
                return OpaPolicy.DEFAULT_MAX_MEMORY_PAGES;
            }

            public int poolSize() {
                return 8;
            }

            public Duration poolWait() {
                return Duration.ofSeconds(5);
            }

            public Duration timeout() {
                return Duration.ofSeconds(1);
            }

            public int maxInputBytes() {
                return OpaPolicy.DEFAULT_MAX_INPUT_BYTES;
            }

            public boolean strictBuiltinErrors() {
                return false;
            }

            public Cache cache() {
                return () -> cacheEnabled;
            }
        };
    }
}
