package com.tenantregistrar.functions;

/** The optional body of {@code checkDrift}. */
public class CheckDriftRequest {

    private String mode;

    /** {@code report} asks for a dry run even when REGISTRAR_DRIFT_MODE is {@code reconcile}; absent: the setting. */
    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }
}
