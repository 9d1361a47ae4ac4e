package io.sark.opa.remote;

import io.sark.opa.runtime.SarkOpaConfig;

/**
 * The extension's engine router outside CDI, as the default settings make it: every entrypoint decided in
 * process, nothing shadowed, no remote server. Lives in the router's package only to reach its constructor.
 */
public final class InProcessRouter {

    private InProcessRouter() {}

    public static EngineRouter of(SarkOpaConfig config) {
        if (config.remote().engine() != EngineMode.EMBEDDED || config.remote().shadow().enabled()) {
            throw new IllegalArgumentException("a benchmark evaluator decides in process only");
        }
        RemoteEngine noServer = new RemoteEngine(() -> {
            throw new IllegalStateException("no remote OPA server outside the application");
        }, config);
        return new EngineRouter(config, noServer, new ShadowEvaluation(config, null));
    }
}
