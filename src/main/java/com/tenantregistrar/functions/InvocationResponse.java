package com.tenantregistrar.functions;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A custom handler's answer to a non-HTTP invocation: {@code {"Outputs": {}, "Logs": [...], "ReturnValue": ...}}.
 * The host writes {@code Logs} to the function's log (Application Insights).
 */
public record InvocationResponse(@JsonProperty("Outputs") Map<String, Object> outputs,
        @JsonProperty("Logs") List<String> logs, @JsonProperty("ReturnValue") Object returnValue) {
}
