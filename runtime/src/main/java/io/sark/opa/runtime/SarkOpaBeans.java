package io.sark.opa.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.engine.EnginePolicyEvaluator;
import io.sark.opa.runtime.routing.EngineRouter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The {@link PolicyEvaluator} bean: the application's input read through its Jackson mapper, then routed. */
@Singleton
public class SarkOpaBeans {

    @Produces
    @Singleton
    PolicyEvaluator evaluator(ObjectMapper mapper, EngineRouter engines) {
        return new EnginePolicyEvaluator(mapper, engines);
    }
}
