package com.tenantregistrar.config;

import java.nio.file.Path;

import org.eclipse.microprofile.config.spi.Converter;

/** Reads a path setting; a relative path means a file in the function-app folder ({@link FunctionAppFolder}). */
public class FunctionAppPathConverter implements Converter<Path> {

    private static final long serialVersionUID = 1L;

    @Override
    public Path convert(String value) {
        // Empty is unset (null, as for SmallRye's own converters), not the function-app folder itself.
        return value.isBlank() ? null : FunctionAppFolder.resolve(Path.of(value.trim()));
    }
}
