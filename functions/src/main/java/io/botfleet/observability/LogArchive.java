package io.botfleet.observability;

import java.util.List;

/** Where the functions' log events are kept: CloudWatch Logs on AWS and in the local stack. */
public interface LogArchive {
    /** The functions whose logs can be read, by the names selections use. */
    List<String> functions();

    LogLines read(LogSelection selection);
}
