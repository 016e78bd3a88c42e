package com.tenantregistrar.functions;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAnySetter;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Base of the bodies a caller sends. Funqy ignores fields its type does not have, so a misspelt field
 * ({@code "registration"} for {@code "registrations"}) would silently change what a call does; instead each one is
 * kept here and {@link CallerInput} refuses the request, naming it. What the Functions host sends itself does not
 * extend this: new host versions add fields.
 */
@RegisterForReflection
public abstract class CallerRequest {

    private final List<String> unknownFields = new ArrayList<>();

    @JsonAnySetter
    void unknownField(String name, Object value) {
        unknownFields.add(name);
    }

    /** The fields of the body that this type does not have, in the body's order. */
    List<String> unknownFields() {
        return List.copyOf(unknownFields);
    }
}
