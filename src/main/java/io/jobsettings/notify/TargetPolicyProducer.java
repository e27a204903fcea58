package io.jobsettings.notify;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the target policy that both the settings API (when saving) and the notifiers (before sending) apply. */
public class TargetPolicyProducer {

    @Produces
    @Singleton
    TargetAddressPolicy targetAddressPolicy(
            @ConfigProperty(name = "allow.insecure.targets", defaultValue = "false") boolean allowInsecure) {
        return TargetAddressPolicy.withSystemDns(allowInsecure);
    }
}
