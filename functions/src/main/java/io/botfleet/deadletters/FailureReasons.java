package io.botfleet.deadletters;

import java.util.Collection;
import java.util.Map;

/** The reasons consumers recorded for the messages that failed their last allowed receive, by SQS message id. */
public interface FailureReasons {
    void record(FailureReason reason);

    /** @return the recorded reasons among {@code messageIds}; ids without one are absent */
    Map<String, FailureReason> find(Collection<String> messageIds);

    /** Called once a dead letter is redriven or discarded: its reason no longer describes a waiting message. */
    void forget(Collection<String> messageIds);
}
