package io.sark.opa;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.LongAdder;

/** Counts of shadow comparisons since start-up, for dashboards and rollout checks. */
@Singleton
public class ShadowStats {

    private final LongAdder agreements = new LongAdder();
    private final LongAdder disagreements = new LongAdder();
    private final LongAdder errors = new LongAdder();

    void count(@Observes ShadowOutcome outcome) {
        switch (outcome.kind()) {
            case AGREE -> agreements.increment();
            case DISAGREE -> disagreements.increment();
            case ERROR -> errors.increment();
        }
    }

    /** Shadow evaluations that decided as the served engine did. */
    public long agreements() {
        return agreements.sum();
    }

    /** Shadow evaluations that decided otherwise; each is logged. */
    public long disagreements() {
        return disagreements.sum();
    }

    /** Shadow evaluations that failed, so nothing was compared. */
    public long errors() {
        return errors.sum();
    }
}
