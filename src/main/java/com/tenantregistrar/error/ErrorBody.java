package com.tenantregistrar.error;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The {@code error} member of every error answer; written by Jackson outside Funqy too, hence registered. */
@RegisterForReflection
public record ErrorBody(String code, String message) {

    public static ErrorBody of(RegistrarException failure) {
        return new ErrorBody(failure.code(), failure.getMessage());
    }
}
