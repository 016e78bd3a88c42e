package com.tenantregistrar.functions;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAnySetter;

/** The optional body of {@code checkDrift}: {@code {}} or {@code {"mode": "report"}}. */
public class CheckDriftRequest {

    private String mode;
    private final List<String> unknownFields = new ArrayList<>();

    /** Only {@code report}: checkDrift never writes; absent is the same. */
    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    /** Collected rather than ignored, so that a misspelt field is refused instead of silently meaning nothing. */
    @JsonAnySetter
    void unknownField(String name, Object value) {
        unknownFields.add(name);
    }

    /** The fields of the body that are not {@code mode}. */
    List<String> unknownFields() {
        return List.copyOf(unknownFields);
    }
}
