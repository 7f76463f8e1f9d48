package io.botfleet.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.local.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * template.yaml as CloudFormation, transformed by the machine's aws-sam-translator (the library `sam deploy` uses),
 * so the roles and policy-template expansions are SAM's own, not a re-implementation. The translator takes seconds:
 * its output is cached in a temp file keyed by the template's and the script's hash.
 */
public final class SamTranslation {
    private static final ObjectMapper json = new ObjectMapper();
    private static final String SCRIPT = "sam_translate.py";

    private SamTranslation() {}

    /** The CloudFormation template SAM produces from {@code template}. */
    public static JsonNode translate(SamTemplate template) {
        try {
            byte[] script = script();
            byte[] source = Files.readAllBytes(template.source());
            Path cached = Path.of(System.getProperty("java.io.tmpdir"), "botfleet-sam-translation", hash(script, source) + ".json");
            if (!Files.isRegularFile(cached)) {
                Files.createDirectories(cached.getParent());
                Path written = Files.createTempFile(cached.getParent(), "translating-", ".json");
                run(script, template.source(), written);
                Files.move(written, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return json.readTree(cached.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(byte[] script, Path template, Path output) throws IOException {
        Path errors = Files.createTempFile("sam-translate-", ".log");
        Process python = new ProcessBuilder("python3", "-c", new String(script, StandardCharsets.UTF_8), template.toString())
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        try {
            if (!python.waitFor(120, TimeUnit.SECONDS)) {
                python.destroyForcibly();
                throw new IllegalStateException("aws-sam-translator did not finish within 120 s");
            }
        } catch (InterruptedException e) {
            python.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (python.exitValue() != 0) {
            throw new IllegalStateException("aws-sam-translator failed on " + template + " (is it installed? "
                    + "python3 -c 'import samtranslator'):\n" + Files.readString(errors));
        }
        Files.deleteIfExists(errors);
    }

    private static byte[] script() throws IOException {
        try (InputStream in = SamTranslation.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " missing from the classpath");
            }
            return in.readAllBytes();
        }
    }

    private static String hash(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(part);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
