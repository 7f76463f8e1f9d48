package io.botfleet.telegram.emulator;

/**
 * A file a bot uploaded or referenced by URL. {@code content} is null for files sent by URL, which the emulator
 * does not fetch.
 *
 * @param kind {@code photo}, {@code video}, {@code document} or {@code audio}
 */
record StoredFile(String fileId, String fileUniqueId, String kind, String fileName, String mimeType, long size,
                  String filePath, byte[] content) {
}
