package io.botfleet.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.errors.Refusal;
import io.botfleet.shared.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of manifests, job status objects and the backup queue's messages. Read back, each is parsed here once; a
 * manifest this platform cannot read is refused naming {@code export}.
 */
public final class BackupJson {
    private BackupJson() {}

    public static byte[] manifest(Manifest m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("formatVersion", m.formatVersion());
        out.put("exportId", m.exportId());
        out.put("startedAt", m.startedAt().toString());
        out.put("finishedAt", m.finishedAt().toString());
        out.put("entities", m.entities().stream().map(BackupJson::file).toList());
        out.put("excluded", m.excluded());
        return Json.writeBytes(out);
    }

    public static Manifest manifest(String exportId, byte[] json) {
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            if (!n.path("formatVersion").isInt()) {
                throw new IllegalArgumentException("no formatVersion");
            }
            int version = n.get("formatVersion").intValue();
            if (version != Manifest.FORMAT_VERSION) {
                // nothing else of an unknown format is read: it is refused with its version alone
                return new Manifest(version, exportId, Instant.EPOCH, Instant.EPOCH, List.of(), List.of());
            }
            List<String> excluded = new ArrayList<>();
            n.path("excluded").forEach(e -> excluded.add(e.asText()));
            return new Manifest(version, text(n, "exportId"), instant(n, "startedAt"), instant(n, "finishedAt"),
                    files(n.path("entities")), excluded);
        } catch (IOException | RuntimeException e) {
            throw Refusal.invalidField("export", "UNREADABLE_MANIFEST", "the manifest of export " + exportId
                    + " does not read (" + e.getMessage() + ")");
        }
    }

    public static byte[] job(BackupJob j) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", j.kind().name().toLowerCase(Locale.ROOT));
        out.put("exportId", j.exportId());
        out.put("status", j.status().name().toLowerCase(Locale.ROOT));
        out.put("requestedAt", j.requestedAt().toString());
        out.put("requestedBy", j.requestedBy());
        j.finishedAt().ifPresent(at -> out.put("finishedAt", at.toString()));
        j.reason().ifPresent(r -> out.put("reason", r));
        out.put("done", j.done().stream().map(BackupJson::file).toList());
        return Json.writeBytes(out);
    }

    public static BackupJob job(byte[] json) {
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            return new BackupJob(BackupJob.Kind.valueOf(text(n, "kind").toUpperCase(Locale.ROOT)), text(n, "exportId"),
                    BackupJob.Status.valueOf(text(n, "status").toUpperCase(Locale.ROOT)), instant(n, "requestedAt"),
                    text(n, "requestedBy"), n.has("finishedAt") ? Optional.of(instant(n, "finishedAt")) : Optional.empty(),
                    n.has("reason") ? Optional.of(text(n, "reason")) : Optional.empty(), files(n.path("done")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("unreadable job status (" + e.getMessage() + ")");
        }
    }

    /** The backup queue's message: {"kind":"export"|"import","exportId":"..."}. */
    public record JobMessage(BackupJob.Kind kind, String exportId) {}

    public static String message(BackupJob.Kind kind, String exportId) {
        return Json.write(Map.of("kind", kind.name().toLowerCase(Locale.ROOT), "exportId", exportId));
    }

    public static JobMessage message(String body) {
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            String id = text(n, "exportId");
            if (!BackupRules.isExportId(id)) {
                throw new IllegalArgumentException("exportId is not an export id");
            }
            return new JobMessage(BackupJob.Kind.valueOf(text(n, "kind").toUpperCase(Locale.ROOT)), id);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a backup job message (" + e.getMessage() + ")");
        }
    }

    private static Map<String, Object> file(EntityFile f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", f.name());
        out.put("file", f.file());
        out.put("count", f.count());
        out.put("sha256", f.sha256());
        out.put("bytes", f.bytes());
        return out;
    }

    private static List<EntityFile> files(JsonNode list) {
        List<EntityFile> out = new ArrayList<>();
        for (JsonNode f : list) {
            String name = text(f, "name");
            if (BackupEntity.of(name).isEmpty()) {
                throw new IllegalArgumentException("unknown entity " + name);
            }
            out.add(new EntityFile(name, text(f, "file"), count(f, "count"), text(f, "sha256"), count(f, "bytes")));
        }
        return out;
    }

    private static long count(JsonNode n, String field) {
        if (!n.path(field).canConvertToLong() || n.get(field).longValue() < 0) {
            throw new IllegalArgumentException(field + " is not a count");
        }
        return n.get(field).longValue();
    }

    private static String text(JsonNode n, String field) {
        if (!n.path(field).isTextual()) {
            throw new IllegalArgumentException("no " + field);
        }
        return n.get(field).textValue();
    }

    private static Instant instant(JsonNode n, String field) {
        try {
            return Instant.parse(text(n, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an instant");
        }
    }
}
