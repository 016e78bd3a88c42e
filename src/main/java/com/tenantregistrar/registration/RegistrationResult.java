package com.tenantregistrar.registration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.error.RegistrarException;

/**
 * What one registration answered to one request.
 *
 * @param registration the registration's alias
 * @param status what happened there: {@code registered}, {@code removed}, {@code absent} or {@code failed}
 * @param error why it failed, when it did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistrationResult(String registration, String status, ErrorBody error,
        @JsonIgnore RegistrarException failure) {

    public static RegistrationResult succeeded(Registration registration, String status) {
        return new RegistrationResult(registration.alias(), status, null, null);
    }

    public static RegistrationResult failed(Registration registration, RegistrarException failure) {
        return new RegistrationResult(registration.alias(), "failed", ErrorBody.of(failure), failure);
    }
}
