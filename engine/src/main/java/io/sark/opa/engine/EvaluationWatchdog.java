package io.sark.opa.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stops runaway evaluations: interrupts the evaluating thread when its deadline passes (Chicory's
 * interpreter and compiled code both check the interrupt flag). One daemon thread serves all instances.
 */
final class EvaluationWatchdog {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sark-opa-evaluation-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int EXPIRED = 2;

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final ScheduledFuture<?> alarm;

    private EvaluationWatchdog(Thread evaluator, Duration timeout) {
        this.alarm = TIMER.schedule(() -> {
            if (state.compareAndSet(RUNNING, EXPIRED)) {
                evaluator.interrupt();
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Arms a watchdog for the current thread; {@code null} timeout or zero means none. */
    static EvaluationWatchdog arm(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            return null;
        }
        return new EvaluationWatchdog(Thread.currentThread(), timeout);
    }

    /**
     * Disarms the watchdog once the evaluation has returned or thrown. Returns true when the deadline had
     * passed; the interrupt it raised is then cleared so it cannot leak into the caller's thread.
     */
    boolean disarm() {
        if (state.compareAndSet(RUNNING, FINISHED)) {
            alarm.cancel(false);
            return false;
        }
        Thread.interrupted();
        return true;
    }
}
