package io.botfleet.broadcast.content;

/** Builds JSON paths like {@code content.keyboard[1][0].url} under a caller-chosen prefix (which may be empty). */
final class FieldPath {
    private FieldPath() {}

    static String field(String prefix, String name) {
        return prefix == null || prefix.isEmpty() ? name : prefix + "." + name;
    }

    static String index(String path, int index) {
        return path + "[" + index + "]";
    }
}
