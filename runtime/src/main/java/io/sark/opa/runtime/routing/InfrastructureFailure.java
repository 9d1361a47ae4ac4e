package io.sark.opa.runtime.routing;

import io.sark.opa.engine.EvaluationTimeoutException;
import io.sark.opa.engine.OutOfMemoryException;
import io.sark.opa.engine.PolicyLoadException;
import io.sark.opa.engine.PoolExhaustedException;
import io.sark.opa.engine.UnknownEntrypointException;

/**
 * Failures that say nothing about the policy's answer, only that the embedded engine could not give one:
 * the policy is absent or not loaded, ran out of memory or time, or no instance was free. Bad input, a
 * policy's own error or abort are answers of a kind, and another engine must not replace them.
 */
final class InfrastructureFailure {

    private InfrastructureFailure() {}

    static boolean test(Throwable failure) {
        return failure instanceof UnknownEntrypointException
                || failure instanceof PolicyLoadException
                || failure instanceof OutOfMemoryException
                || failure instanceof EvaluationTimeoutException
                || failure instanceof PoolExhaustedException;
    }
}
