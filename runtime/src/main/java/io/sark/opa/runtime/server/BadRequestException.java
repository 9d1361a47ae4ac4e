package io.sark.opa.runtime.server;

/** A decision API request the server cannot read: answered 400 {@code invalid_parameter}. */
final class BadRequestException extends RuntimeException {
    BadRequestException(String message) {
        super(message);
    }

    BadRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
