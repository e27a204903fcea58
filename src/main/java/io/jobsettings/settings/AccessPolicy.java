package io.jobsettings.settings;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.jobsettings.platform.http.ApiRequest;
import io.jobsettings.platform.http.ProblemException;

/**
 * Who may touch which environment, from the JWT authorizer's claims: {@code env_ids} lists the environments,
 * scope {@code settings:read} allows reading and {@code settings:write} everything. A refusal looks the same whether
 * or not the environment exists, so nothing about other environments leaks.
 */
@Singleton
public class AccessPolicy {

    public enum Need { READ, WRITE }

    static final String READ_SCOPE = "settings:read";
    static final String WRITE_SCOPE = "settings:write";

    private final boolean enforced;

    public AccessPolicy(@ConfigProperty(name = "auth.mode", defaultValue = "jwt") String mode) {
        if (!mode.equals("jwt") && !mode.equals("none")) {
            throw new IllegalStateException("environment variable AUTH_MODE must be jwt or none, not '" + mode + "'");
        }
        this.enforced = mode.equals("jwt");
    }

    public void check(ApiRequest request, String envId, Need need) {
        if (!enforced) {
            return;
        }
        ApiRequest.Authorization authorization = request.authorization()
                .orElseThrow(() -> new ProblemException(401, "Unauthorized",
                        "the request carries no authorizer context; call the API with a bearer token"));

        Set<String> scopes = scopesOf(authorization);
        boolean scopeAllows = scopes.contains(WRITE_SCOPE) || (need == Need.READ && scopes.contains(READ_SCOPE));
        if (!scopeAllows || !environmentsOf(authorization.claims().getOrDefault("env_ids", "")).contains(envId)) {
            throw new ProblemException(403, "Forbidden",
                    "the token does not allow this operation on this environment");
        }
    }

    private static Set<String> scopesOf(ApiRequest.Authorization authorization) {
        Set<String> scopes = new HashSet<>(authorization.scopes());
        String claimed = authorization.claims().getOrDefault("scope", "");
        scopes.addAll(Arrays.asList(claimed.split(" ")));
        return scopes;
    }

    /**
     * The env_ids claim: separated by white space (spaces, tabs, line breaks) or commas. HTTP APIs render array
     * claims as "[a b]"; a claim written as a JSON array ("[\"a\",\"b\"]") or a quoted id reads the same,
     * exactly one pair of quotes coming off each id.
     * What is then not an environment id (empty, "*", quotes left inside) grants nothing.
     */
    static Set<String> environmentsOf(String claim) {
        String bare = claim.strip();
        if (bare.startsWith("[") && bare.endsWith("]")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        Set<String> environments = new HashSet<>();
        // Limitation: one quoted string of several ids ("a b") grants nothing, as quotes come off each id alone.
        for (String element : bare.split("[\\s,]+")) {
            boolean quoted = element.length() >= 2 && element.startsWith("\"") && element.endsWith("\"");
            String envId = quoted ? element.substring(1, element.length() - 1) : element;
            if (SettingsApi.isEnvironmentId(envId)) {
                environments.add(envId);
            }
        }
        return environments;
    }
}
