package com.tenantregistrar.registration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.error.RegistrarException;

/**
 * What one registration answered to one request.
 *
 * @param registration the registration's alias
 * @param status what happened there: {@code registered}, {@code removed}, {@code absent}, {@code listed} or
 *        {@code failed}
 * @param count how many customer subscriptions a listing found there
 * @param error why it failed, when it did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistrationResult(String registration, String status, Integer count, ErrorBody error,
        @JsonIgnore RegistrarException failure) {

    public static RegistrationResult succeeded(Registration registration, String status) {
        return new RegistrationResult(registration.alias(), status, null, null, null);
    }

    public static RegistrationResult listed(Registration registration, int count) {
        return new RegistrationResult(registration.alias(), "listed", count, null, null);
    }

    public static RegistrationResult failed(Registration registration, RegistrarException failure) {
        return new RegistrationResult(registration.alias(), "failed", null, ErrorBody.of(failure), failure);
    }
}
