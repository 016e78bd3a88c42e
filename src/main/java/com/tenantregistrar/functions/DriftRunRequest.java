package com.tenantregistrar.functions;

/** The query of {@code driftRun}: the run's ID. */
public class DriftRunRequest extends CallerRequest {

    private String id;

    /** The run's ID, as listDriftRuns and the run's answer give it. */
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }
}
