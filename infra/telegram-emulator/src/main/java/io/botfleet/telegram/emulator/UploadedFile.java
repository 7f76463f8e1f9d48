package io.botfleet.telegram.emulator;

/** A file part of a multipart/form-data request. */
record UploadedFile(String fileName, String contentType, byte[] content) {
}
