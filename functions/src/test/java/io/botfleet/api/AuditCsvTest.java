package io.botfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.audit.AuditEntry;
import io.botfleet.shared.csv.CsvExport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditCsvTest {
    @Test
    void rowsAreQuotedAndNeverSpreadsheetFormulas() {
        AuditEntry entry = new AuditEntry("01J", Instant.parse("2026-03-01T10:00:00Z"), "user", "u-1", null,
                "POST /api/invites", "/api/invites", "invite", "=1+1", "-1001", 201, "success", "a,b",
                "@SUM(A1)", "say \"hi\"\nbye");
        CsvExport csv = new CsvExport(AuditRoutes.CSV_HEADER);
        AuditRoutes.row(csv, entry);

        String[] lines = new String(csv.toByteArray(), StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).isEqualTo(
                "id,at,actorType,actorId,actorRole,action,path,targetType,targetId,botId,status,outcome,requestId,ip,userAgent");
        // a group's chat id is a number, not a formula: the quote prefix is for text that a spreadsheet would run
        assertThat(lines[1]).isEqualTo("01J,2026-03-01T10:00:00Z,user,u-1,,POST /api/invites,/api/invites,invite,'=1+1,"
                + "-1001,201,success,\"a,b\",'@SUM(A1),\"say \"\"hi\"\"\nbye\"");
    }

    @Test
    void outcomesGroupStatuses() {
        assertThat(AuditEntry.outcomeOf(201)).isEqualTo("success");
        assertThat(AuditEntry.outcomeOf(403)).isEqualTo("denied");
        assertThat(AuditEntry.outcomeOf(429)).isEqualTo("denied");
        assertThat(AuditEntry.outcomeOf(422)).isEqualTo("failed");
        assertThat(AuditEntry.outcomeOf(500)).isEqualTo("failed");
    }
}
