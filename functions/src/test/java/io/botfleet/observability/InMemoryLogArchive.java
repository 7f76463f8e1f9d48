package io.botfleet.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Log events in memory, selected as CloudWatch Logs selects them for the filter patterns the archive builds. */
final class InMemoryLogArchive implements LogArchive {
    private static final ObjectMapper json = new ObjectMapper();
    private final List<String> functions;
    private final List<LogLine> lines = new ArrayList<>();
    LogSelection lastSelection;

    InMemoryLogArchive(List<String> functions) {
        this.functions = List.copyOf(functions);
    }

    void add(LogLine line) {
        lines.add(line);
    }

    @Override
    public List<String> functions() {
        return functions;
    }

    @Override
    public LogLines read(LogSelection selection) {
        lastSelection = selection;
        List<LogLine> found = new ArrayList<>();
        boolean truncated = false;
        for (LogLine line : lines) {
            if (!selection.functions().contains(line.function()) || line.at().isBefore(selection.from())
                    || !line.at().isBefore(selection.to()) || !matches(selection, line.message())) {
                continue;
            }
            if (found.size() == selection.limit()) {
                truncated = true;
                break;
            }
            found.add(line);
        }
        return new LogLines(found, truncated);
    }

    private static boolean matches(LogSelection selection, String message) {
        if (selection.fieldEquals().isEmpty() && selection.numericFields().isEmpty()) {
            return true;
        }
        try {
            JsonNode event = json.readTree(message);
            return event.isObject()
                    && selection.fieldEquals().entrySet().stream().allMatch(e -> e.getValue().equals(event.path(e.getKey()).asText(null)))
                    && selection.numericFields().stream().allMatch(f -> event.path(f).isNumber() && event.path(f).asDouble() >= 0);
        } catch (Exception e) {
            return false;
        }
    }
}
