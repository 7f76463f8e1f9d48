package io.botfleet.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A deployment package unpacked the way Lambda unpacks it into /var/task: the runtime loads the function's classes
 * from this folder, so a class missing from the artifact is missing here too. Unpacked once per artifact version.
 */
public final class TaskRoot {
    private TaskRoot() {}

    public static Path of(Path artifact) {
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException("deployment package " + artifact + " does not exist: build it first (mvn package)");
        }
        try {
            String version = Files.size(artifact) + "-" + Files.getLastModifiedTime(artifact).toMillis();
            Path root = Path.of(System.getProperty("java.io.tmpdir"), "botfleet-lambda",
                    artifact.getFileName() + "-" + version);
            if (Files.isDirectory(root)) {
                return root;
            }
            Path staging = Files.createTempDirectory(root.getParent() == null ? Path.of(System.getProperty("java.io.tmpdir"))
                    : Files.createDirectories(root.getParent()), "unpack-");
            unzip(artifact, staging);
            try {
                Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // another JVM unpacked the same version first; theirs is identical
                if (!Files.isDirectory(root)) {
                    throw raced;
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + artifact, e);
        }
    }

    private static void unzip(Path artifact, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("entry outside the package: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }
}
