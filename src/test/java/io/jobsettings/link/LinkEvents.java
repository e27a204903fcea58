package io.jobsettings.link;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Link and unlink events as EventBridge delivers them from the connectors service, each under a fresh event id. */
final class LinkEvents {

    static final String LINKED = "Connector Linked";
    static final String UNLINKED = "Connector Unlinked";
    static final String FLOW = "FsLpQ0xgK";
    static final String TENANT = "cust-0042";

    private LinkEvents() {
    }

    /** An event of tenant {@value #TENANT} on flow {@value #FLOW}, as a mutable map a test may spoil. */
    static Map<String, Object> event(String envId, String detailType, Instant linkedAt) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("env_id", envId);
        detail.put("flow_id", FLOW);
        detail.put("tenant", TENANT);
        detail.put("tap", "salesforce");
        detail.put("connector_id", null);
        detail.put("linked_at", linkedAt.toString());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", detailType);
        event.put("source", "jobs.connectors");
        event.put("account", "123456789012");
        event.put("time", linkedAt.plusSeconds(2).toString());
        event.put("region", "us-east-1");
        event.put("resources", List.of());
        event.put("detail", detail);
        return event;
    }
}
