package com.tenantregistrar.drift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.microprofile.config.ConfigProvider;

/** Writes the manifest the test profile's REGISTRAR_DESIRED_STATE points at. */
public final class DesiredStateFile {

    private DesiredStateFile() {
    }

    public static void write(String json) {
        Path file = ConfigProvider.getConfig().getValue("registrar.desired-state", Path.class);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A manifest entry; no registrations means every registration. */
    public static String customer(String subscription, String tenant, String... registrations) {
        return "{\"customerSubscriptionId\": \"" + subscription + "\", \"tenantId\": \"" + tenant + "\""
                + (registrations.length == 0 ? "" : ", \"registrations\": [\"" + String.join("\", \"", registrations)
                        + "\"]")
                + "}";
    }

    public static String manifest(String... customers) {
        return "{\"customers\": [" + String.join(", ", customers) + "]}";
    }
}
