package com.tenantregistrar.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The README documents every setting, and local.settings.json.example shows each with a placeholder. */
class SettingsDocumentationTest {

    private static final Pattern SETTING = Pattern.compile("`(REGISTRAR_[A-Z_]*[A-Z])`");

    @Test
    void theReadmeAndTheExampleSettingsNameTheSameSettings() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher m = SETTING.matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> example = new TreeSet<>();
        new ObjectMapper().readTree(Path.of("local.settings.json.example").toFile()).path("Values").fieldNames()
                .forEachRemaining(name -> {
                    if (name.startsWith("REGISTRAR_")) {
                        example.add(name);
                    }
                });
        assertEquals(documented, example);
    }
}
