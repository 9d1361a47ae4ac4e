package io.sark.opa.runtime.server;

import io.sark.opa.NoDecisionException;
import io.sark.opa.RemoteEvaluationException;
import io.sark.opa.engine.BuiltinException;
import io.sark.opa.engine.EvaluationTimeoutException;
import io.sark.opa.engine.InvalidInputException;
import io.sark.opa.engine.OutOfMemoryException;
import io.sark.opa.engine.PolicyAbortException;
import io.sark.opa.engine.PolicyLoadException;
import io.sark.opa.engine.PoolExhaustedException;
import io.sark.opa.engine.UnknownEntrypointException;
import io.sark.opa.runtime.engine.EntrypointPath;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * What a decision API caller is told when an evaluation fails: OPA's {@code {"code", "message"}} with a short
 * message fixed by the kind of failure. The failure's own text (remote URLs, library and class names, long
 * encoder messages) stays in the log at DEBUG, and for server-side failures also at WARN the first time their
 * kind occurs: callers cannot flood it.
 */
record FailureAnswer(int status, String code, String message) {

    private static final Logger LOG = Logger.getLogger(FailureAnswer.class);
    private static final int MAX_MESSAGE = 200;
    private static final Set<Class<?>> WARNED = ConcurrentHashMap.newKeySet();

    static FailureAnswer of(String entrypoint, Throwable failure) {
        String name = "'" + EntrypointPath.label(entrypoint) + "'";
        FailureAnswer answer;
        if (failure instanceof InvalidInputException || failure instanceof IllegalArgumentException) {
            // the caller's own mistake, in this extension's words; bounded all the same
            answer = new FailureAnswer(400, OpaResponses.INVALID_PARAMETER, bounded(failure.getMessage()));
        } else if (failure instanceof NoDecisionException && failure.getSuppressed().length > 0) {
            answer = internal("no engine decided " + name + ": embedded failed (" + kind(failure.getCause())
                    + "), then remote failed (" + kind(failure.getSuppressed()[0]) + ")");
        } else if (failure instanceof PolicyAbortException || failure instanceof BuiltinException) {
            answer = internal("the policy of " + name + " failed: " + bounded(failure.getMessage()));
        } else {
            answer = internal("the evaluation of " + name + " failed: " + kind(failure));
        }
        log(name, failure, answer.status() >= 500);
        return answer;
    }

    /** The kind of a failure in a few fixed words. */
    private static String kind(Throwable failure) {
        if (failure instanceof UnknownEntrypointException) {
            return "no policy has the entrypoint";
        } else if (failure instanceof EvaluationTimeoutException) {
            return "timed out";
        } else if (failure instanceof OutOfMemoryException) {
            return "ran out of memory";
        } else if (failure instanceof PoolExhaustedException) {
            return "no policy instance was free";
        } else if (failure instanceof PolicyLoadException) {
            return "the policy is not loaded";
        } else if (failure instanceof RemoteEvaluationException) {
            return "the remote OPA server gave no decision";
        } else if (failure instanceof PolicyAbortException || failure instanceof BuiltinException) {
            return "the policy failed";
        }
        return "an internal error";
    }

    private static FailureAnswer internal(String message) {
        return new FailureAnswer(500, OpaResponses.INTERNAL_ERROR, message);
    }

    // a caller's mistake is no operator's concern: DEBUG only
    private static void log(String name, Throwable failure, boolean serverSide) {
        if (serverSide && WARNED.add(failure.getClass())) {
            LOG.warnf("decision API: %s failed: %s (the first %s; later ones are logged at DEBUG)", name,
                    failure.getMessage(), failure.getClass().getSimpleName());
        } else {
            LOG.debugf(failure, "decision API: %s failed", name);
        }
    }

    private static String bounded(String message) {
        String text = message == null ? "no details" : message.lines().findFirst().orElse("");
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }
}
