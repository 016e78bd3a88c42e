package com.tenantregistrar.config;

import java.nio.file.Path;

/**
 * The function-app folder (where host.json is), against which a relative path in a setting is read. The JVM
 * launcher starts Java from {@code quarkus-app/} (the class-data archive needs that) and passes the folder in a
 * system property; the native executable, dev mode and the tests run from the folder they mean.
 */
public final class FunctionAppFolder {

    /** The system property the launcher sets to the function-app folder. */
    public static final String PROPERTY = "tenant-registrar.function-app";

    private FunctionAppFolder() {
    }

    /** The folder, absolute. */
    public static Path path() {
        String folder = System.getProperty(PROPERTY);
        return (folder == null || folder.isBlank() ? Path.of("") : Path.of(folder)).toAbsolutePath();
    }

    /** An absolute path as it is; a relative one inside the function-app folder. */
    public static Path resolve(Path path) {
        return path().resolve(path).normalize();
    }
}
