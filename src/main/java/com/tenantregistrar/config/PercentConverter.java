package com.tenantregistrar.config;

import org.eclipse.microprofile.config.spi.Converter;

/** Reads a percentage setting such as {@code 10%}. */
public class PercentConverter implements Converter<Percent> {

    private static final long serialVersionUID = 1L;

    @Override
    public Percent convert(String value) {
        return value.isBlank() ? null : Percent.of(value);
    }
}
