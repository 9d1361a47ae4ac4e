package io.sark.opa.engine;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stops runaway evaluations: interrupts the evaluating thread once its deadline has passed (Chicory's
 * interpreter and compiled code both check the interrupt flag). Arming costs a clock read and plain
 * writes, so every evaluation can have a deadline: one daemon thread scans the armed watchdogs
 * every few milliseconds instead of scheduling a timer per evaluation.
 */
final class EvaluationWatchdog {

    /** How often deadlines are checked: the precision of every timeout. */
    static final long SCAN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int EXPIRED = 2;
    private static final int INTERRUPTED = 3;

    private static final Set<WeakReference<EvaluationWatchdog>> ARMED = ConcurrentHashMap.newKeySet();
    private static volatile Thread scanner;

    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final WeakReference<EvaluationWatchdog> registration = new WeakReference<>(this);
    /** Plain fields: published to the scanner by the release store of RUNNING, which it reads first. */
    private Thread evaluator;
    private long deadline;
    private boolean registered;

    /** Starts watching the current thread; a {@code null}, zero or negative timeout watches nothing. */
    void arm(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            return;
        }
        if (!registered) {
            ARMED.add(registration);
            registered = true;
            startScanner();
        }
        evaluator = Thread.currentThread();
        deadline = System.nanoTime() + timeout.toNanos();
        state.setRelease(RUNNING); // no fence: every evaluation arms, and nothing here waits for the scanner
    }

    /**
     * Stops watching once the evaluation has returned or thrown. Returns true when the deadline had passed;
     * the interrupt raised for it is then cleared so it cannot leak into the caller's thread.
     */
    boolean disarm() {
        if (state.get() == IDLE || state.compareAndSet(RUNNING, IDLE)) {
            return false;
        }
        while (state.get() != INTERRUPTED) {
            Thread.onSpinWait(); // the scanner is between its decision and its interrupt
        }
        Thread.interrupted();
        state.set(IDLE);
        return true;
    }

    /** Whether the deadline has passed (the thread is then, or is about to be, interrupted). */
    boolean expired() {
        int now = state.get();
        return now == EXPIRED || now == INTERRUPTED;
    }

    /** Forgets this watchdog: its instance is gone. */
    void close() {
        ARMED.remove(registration);
    }

    private void expireIfLate(long now) {
        if (state.get() == RUNNING && now - deadline > 0 && state.compareAndSet(RUNNING, EXPIRED)) {
            evaluator.interrupt();
            state.set(INTERRUPTED);
        }
    }

    private static synchronized void startScanner() {
        if (scanner != null) {
            return;
        }
        Thread thread = new Thread(EvaluationWatchdog::scan, "sark-opa-evaluation-watchdog");
        thread.setDaemon(true);
        thread.start();
        scanner = thread;
    }

    private static void scan() {
        while (true) {
            long now = System.nanoTime();
            for (WeakReference<EvaluationWatchdog> ref : ARMED) {
                EvaluationWatchdog watchdog = ref.get();
                if (watchdog == null) {
                    ARMED.remove(ref);
                } else {
                    watchdog.expireIfLate(now);
                }
            }
            try {
                TimeUnit.NANOSECONDS.sleep(SCAN_INTERVAL_NANOS);
            } catch (InterruptedException e) {
                // the scanner serves the whole JVM: it never stops
            }
        }
    }
}
