package io.botfleet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditCsvTest {
    @Test
    void cellsAreQuotedAndNeverSpreadsheetFormulas() {
        assertThat(AuditRoutes.cell("plain")).isEqualTo("plain");
        assertThat(AuditRoutes.cell(null)).isEmpty();
        assertThat(AuditRoutes.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditRoutes.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditRoutes.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(AuditRoutes.cell("+1")).isEqualTo("'+1");
        assertThat(AuditRoutes.cell("-1")).isEqualTo("'-1");
        assertThat(AuditRoutes.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditRoutes.cell("line\nbreak")).isEqualTo("\"line\nbreak\"");
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
