package io.botfleet.observability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * The functions' logs in CloudWatch Logs: FilterLogEvents on each function's log group with the selection's time
 * range and a JSON filter pattern built from its fields, so the service does the selecting and only matching events
 * come back. Paging stops at the selection's limit (and after {@link #MAX_PAGES} pages of a group, since a page may
 * hold no events while the service is still scanning).
 */
public final class AwsLogArchive implements LogArchive {
    static final int MAX_PAGES = 100;

    private final CloudWatchLogsClient logs;
    private final Map<String, String> groupByFunction;

    /** @param groupByFunction each function's log group name, by the name selections use */
    public AwsLogArchive(CloudWatchLogsClient logs, Map<String, String> groupByFunction) {
        this.logs = logs;
        this.groupByFunction = Map.copyOf(groupByFunction);
        this.functions = List.copyOf(groupByFunction.keySet());
    }

    private final List<String> functions;

    /** {@code webhook=GroupA,api=GroupB} (the template's LOG_GROUPS) as a map, in its order. */
    public static Map<String, String> groups(String variable) {
        Map<String, String> groups = new LinkedHashMap<>();
        for (String pair : variable.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && eq < pair.length() - 1) {
                groups.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return groups;
    }

    @Override
    public List<String> functions() {
        return functions;
    }

    @Override
    public LogLines read(LogSelection selection) {
        String pattern = filterPattern(selection);
        List<LogLine> lines = new ArrayList<>();
        boolean truncated = false;
        for (String function : selection.functions()) {
            String group = groupByFunction.get(function);
            if (group == null) {
                throw new IllegalArgumentException("no log group for " + function);
            }
            String token = null;
            int pages = 0;
            do {
                int room = selection.limit() - lines.size();
                if (room <= 0 || ++pages > MAX_PAGES) {
                    truncated = true;
                    break;
                }
                String next = token;
                FilterLogEventsResponse page = logs.filterLogEvents(b -> b.logGroupName(group)
                        .startTime(selection.from().toEpochMilli()).endTime(selection.to().toEpochMilli() - 1)
                        .filterPattern(pattern).limit(Math.min(room, 10_000)).nextToken(next));
                for (FilteredLogEvent event : page.events()) {
                    lines.add(new LogLine(Instant.ofEpochMilli(event.timestamp()), function, event.message()));
                }
                token = page.nextToken();
            } while (token != null);
            if (truncated) {
                break;
            }
        }
        lines.sort(Comparator.comparing(LogLine::at));
        return new LogLines(lines, truncated);
    }

    /** The CloudWatch Logs filter pattern for the selection's fields; null (every event) when it names none. */
    static String filterPattern(LogSelection selection) {
        List<String> terms = new ArrayList<>();
        selection.fieldEquals().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> terms.add("$." + e.getKey() + " = \"" + quoted(e.getValue()) + "\""));
        selection.numericFields().forEach(field -> terms.add("$." + field + " >= 0"));
        return terms.isEmpty() ? null : terms.stream().collect(Collectors.joining(" && ", "{ ", " }"));
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
