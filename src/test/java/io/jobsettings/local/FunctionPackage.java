package io.jobsettings.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;

/**
 * {@code target/function.zip} laid out as Lambda's Java runtime lays it out ({@code /var/task} and its {@code lib}),
 * plus the Runtime Interface Client that calls the handler, as a command line.
 */
public record FunctionPackage(Path taskRoot) {

    public static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    private static final String NATIVE_LIBRARY_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static Path nativeLibrary;

    /** Unpacks the built package into {@code target/local-function}, replacing what an earlier run left. */
    public static FunctionPackage unpack(Path projectRoot) throws IOException {
        Path zip = projectRoot.resolve("target/function.zip");
        if (!Files.exists(zip)) {
            throw new IllegalStateException("build the function set first: ./mvnw -DskipTests package");
        }
        Path taskRoot = projectRoot.resolve("target/local-function");
        deleteTree(taskRoot);
        try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                extract(entries, entry, taskRoot);
            }
        }
        return new FunctionPackage(taskRoot);
    }

    /** The task root, its libraries, and the Runtime Interface Client with what it needs beside the package. */
    public String classpath() {
        List<String> entries = new ArrayList<>();
        entries.add(taskRoot.toString());
        entries.add(taskRoot.resolve("lib").toString() + "/*");
        entries.add(jarOf(AWSLambda.class));
        entries.add(jarOf(com.amazonaws.services.lambda.runtime.serialization.PojoSerializer.class));
        return String.join(java.io.File.pathSeparator, entries);
    }

    /**
     * The command Lambda's Java runtime runs, give or take its JVM flags. Each function is handed the client's
     * native library ready to load: left to itself, every client unpacks it to the same fixed file in /tmp, and
     * functions starting together overwrite it under each other and crash.
     */
    public static List<String> command(String classpath) {
        return List.of("java", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-D" + NATIVE_LIBRARY_PROPERTY + "=" + nativeClientLibrary(), "-cp", classpath,
                AWSLambda.class.getName(), QUARKUS_HANDLER);
    }

    /** The Runtime Interface Client's native library for this machine, unpacked once for all functions. */
    private static synchronized Path nativeClientLibrary() {
        if (nativeLibrary == null) {
            String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
            try (InputStream library = AWSLambda.class.getResourceAsStream("/jni/libaws-lambda-jni.linux-" + arch
                    + ".so")) {
                if (library == null) {
                    throw new IllegalStateException("the Runtime Interface Client has no native library for " + arch);
                }
                Path unpacked = Files.createTempFile("libaws-lambda-jni-", ".so");
                unpacked.toFile().deleteOnExit();
                Files.copy(library, unpacked, StandardCopyOption.REPLACE_EXISTING);
                nativeLibrary = unpacked;
            } catch (IOException e) {
                throw new UncheckedIOException("could not unpack the Runtime Interface Client's native library", e);
            }
        }
        return nativeLibrary;
    }

    private static void extract(ZipInputStream entries, ZipEntry entry, Path taskRoot) throws IOException {
        Path target = taskRoot.resolve(entry.getName()).normalize();
        if (!target.startsWith(taskRoot)) {
            throw new IOException("zip entry outside the task root: " + entry.getName());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(target);
            return;
        }
        Files.createDirectories(target.getParent());
        Files.copy((InputStream) entries, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName(), e);
        }
    }

    /** Deletes a folder and all it holds; a missing folder is fine. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
