package io.jobsettings.settings;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Datadog sites an environment can send events to, each with the host of its intake API. */
public enum DatadogSite {
    US1("api.datadoghq.com"),
    US3("api.us3.datadoghq.com"),
    US5("api.us5.datadoghq.com"),
    EU1("api.datadoghq.eu"),
    AP1("api.ap1.datadoghq.com"),
    AP2("api.ap2.datadoghq.com"),
    @JsonProperty("US1-FED")
    US1_FED("api.ddog-gov.com");

    private final String apiHost;

    DatadogSite(String apiHost) {
        this.apiHost = apiHost;
    }

    public String apiHost() {
        return apiHost;
    }
}
