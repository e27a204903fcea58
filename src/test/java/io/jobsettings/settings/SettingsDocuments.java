package io.jobsettings.settings;

/** Settings bodies the tests send, valid unless their name says otherwise. */
final class SettingsDocuments {

    static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String DATADOG_KEY = "0123456789abcdef0123456789ab9f3a";
    static final String SLACK_URL = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXabcd";
    static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEwXyZ";

    static final String FULL = """
            {"jobs": {"forceFullSync": true, "forceDiscover": true, "triggerJobOnLink": true,
                      "triggerDiscoverOnLink": false, "rollbackOnFailure": true, "saveSnapshotsOnFailure": false,
                      "defaultSchedule": {"enabled": true, "expression": "cron(0 3 * * ? *)"}},
             "webhook": {"url": "https://93.184.216.34/jobs", "secret": "%s",
                         "events": ["JOB_COMPLETED", "SYNC_FAILED"]},
             "datadog": {"site": "EU1", "apiKey": "%s"},
             "slack": {"webhookUrl": "%s"},
             "storage": {"snapshots": {"bucket": "acme-etl-snapshots", "region": "eu-west-1", "prefix": "etl/",
                                       "accessKeyId": "AKIAEXAMPLEKEY000001", "secretAccessKey": "%s"},
                         "cache": null}}
            """.formatted(WEBHOOK_SECRET, DATADOG_KEY, SLACK_URL, SECRET_ACCESS_KEY);

    private SettingsDocuments() {
    }
}
