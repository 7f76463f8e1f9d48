package io.botfleet.telegram.emulator;

/**
 * A file a bot uploaded or sent by URL. {@code content} is null only for URLs taken without fetching (media URL
 * fetching switched off).
 *
 * @param kind {@code photo}, {@code video}, {@code document}, {@code animation} or {@code audio}
 */
record StoredFile(String fileId, String fileUniqueId, String kind, String fileName, String mimeType, long size,
                  String filePath, byte[] content) {
}
