package com.tenantregistrar.drift;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.registration.Registration;

/**
 * What one registration holds, or why it could not be read.
 *
 * @param registration the registration read
 * @param customers customer subscription to tenant, both lower case, in ARM's order; empty when unreadable
 * @param failure why it could not be read, or {@code null}
 */
public record Holdings(Registration registration, Map<String, String> customers, RegistrarException failure) {

    /** A registration that was read. */
    public static Holdings read(Registration registration, Map<String, String> customers) {
        return new Holdings(registration, Collections.unmodifiableMap(new LinkedHashMap<>(customers)), null);
    }

    /** A registration that could not be read. */
    public static Holdings unreadable(Registration registration, RegistrarException failure) {
        return new Holdings(registration, Map.of(), failure);
    }
}
