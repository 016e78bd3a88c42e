package com.tenantregistrar.functions;

/** The optional body of {@code checkDrift}: {@code {}} or {@code {"mode": "report"}}. */
public class CheckDriftRequest extends CallerRequest {

    private String mode;

    /** Only {@code report}: checkDrift never writes; absent is the same. */
    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }
}
