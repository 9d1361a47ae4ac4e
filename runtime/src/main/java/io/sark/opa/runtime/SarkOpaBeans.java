package io.sark.opa.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.engine.EnginePolicyEvaluator;
import io.sark.opa.runtime.logs.DecisionLog;
import io.sark.opa.runtime.routing.EngineRouter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The {@link PolicyEvaluator} bean: the application's input read through its Jackson mapper, routed, and logged. */
@Singleton
public class SarkOpaBeans {

    @Produces
    @Singleton
    EnginePolicyEvaluator evaluator(ObjectMapper mapper, EngineRouter engines, DecisionLog log) {
        return new EnginePolicyEvaluator(mapper, engines, log);
    }
}
