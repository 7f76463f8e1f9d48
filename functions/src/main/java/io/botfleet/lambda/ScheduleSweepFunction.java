package io.botfleet.lambda;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.botfleet.scheduling.ScheduleSweep;
import java.util.function.Function;

/** Spring Cloud Function bean {@code sweep}: every minute, the overdue scheduled campaigns are asked to start again. */
public final class ScheduleSweepFunction implements Function<ScheduledEvent, ScheduleSweepFunction.Report> {

    /** What one sweep did. */
    public record Report(int requested) {}

    private final ScheduleSweep sweep;

    public ScheduleSweepFunction(ScheduleSweep sweep) {
        this.sweep = sweep;
    }

    @Override
    public Report apply(ScheduledEvent event) {
        return new Report(sweep.sweep());
    }
}
