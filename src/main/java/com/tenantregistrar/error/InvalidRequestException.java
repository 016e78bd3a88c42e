package com.tenantregistrar.error;

/** The caller's request is malformed: 400 {@code InvalidRequest}, and ARM is not called. */
public class InvalidRequestException extends RegistrarException {

    public InvalidRequestException(String message) {
        super(400, "InvalidRequest", message);
    }
}
