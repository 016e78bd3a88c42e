package com.tenantregistrar.error;

/** The {@code error} member of every error answer. */
public record ErrorBody(String code, String message) {

    public static ErrorBody of(RegistrarException failure) {
        return new ErrorBody(failure.code(), failure.getMessage());
    }
}
