package io.sark.opa.engine;

/** No instance of a policy became free in time: the pool is too small for the load. */
public class PoolExhaustedException extends OpaException {
    public PoolExhaustedException(String message) {
        super(message);
    }
}
