package io.botfleet.backup;

import java.util.regex.Pattern;

/** What an export id looks like: the UTC time it was asked for, to the millisecond ({@code 20261201T101530123Z}). */
public final class BackupRules {
    private static final Pattern EXPORT_ID = Pattern.compile("\\d{8}T\\d{9}Z");

    private BackupRules() {}

    public static boolean isExportId(String value) {
        return value != null && EXPORT_ID.matcher(value).matches();
    }
}
