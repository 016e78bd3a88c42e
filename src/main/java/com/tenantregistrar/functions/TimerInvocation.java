package com.tenantregistrar.functions;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the Functions host POSTs to a custom handler for a timer trigger:
 * {@code {"Data": {"<binding>": {"Schedule", "ScheduleStatus", "IsPastDue"}}, "Metadata": {...}}}. Read
 * leniently: {@code ScheduleStatus} may be null, the timer may arrive as a JSON string, other fields come and go.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class TimerInvocation {

    private Map<String, JsonNode> data;
    private JsonNode metadata;

    @JsonProperty("Data")
    public Map<String, JsonNode> getData() {
        return data;
    }

    @JsonProperty("Data")
    public void setData(Map<String, JsonNode> data) {
        this.data = data;
    }

    @JsonProperty("Metadata")
    public JsonNode getMetadata() {
        return metadata;
    }

    @JsonProperty("Metadata")
    public void setMetadata(JsonNode metadata) {
        this.metadata = metadata;
    }

    /** Whether the host says this run is late (the app was down when it was due). */
    public boolean isPastDue() {
        if (data == null) {
            return false;
        }
        return data.values().stream().anyMatch(timer -> timer != null && (timer.path("IsPastDue").asBoolean(false)
                || timer.isTextual() && timer.asText().replace(" ", "").contains("\"IsPastDue\":true")));
    }
}
