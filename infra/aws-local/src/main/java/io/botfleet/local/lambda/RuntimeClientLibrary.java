package io.botfleet.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The runtime interface client's JNI library, unpacked once for every function JVM this process starts. Left to
 * itself, each client JVM unpacks it to the same {@code /tmp/.libaws-lambda-jni.so} (one JVM per machine on Lambda),
 * and here one JVM could map the file while another rewrote it: the JVM died with SIGBUS. The client loads the path
 * named by its system property instead.
 */
final class RuntimeClientLibrary {
    static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static Path unpacked;

    private RuntimeClientLibrary() {}

    /** The JVM flag that names the unpacked library. */
    static synchronized String jvmFlag() {
        if (unpacked == null) {
            unpacked = unpack();
        }
        return "-D" + PROPERTY + "=" + unpacked;
    }

    private static Path unpack() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String name = "/jni/libaws-lambda-jni.linux-" + (arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : "x86_64") + ".so";
        try (InputStream library = RuntimeClientLibrary.class.getResourceAsStream(name)) {
            if (library == null) {
                throw new IllegalStateException("the runtime interface client on the class path has no " + name);
            }
            Path file = Files.createTempFile("libaws-lambda-jni-", ".so");
            file.toFile().deleteOnExit();
            Files.copy(library, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the runtime interface client's JNI library", e);
        }
    }
}
