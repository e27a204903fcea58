package io.jobsettings.link;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.jobsettings.job.JobTarget;

/**
 * The name of a link's default schedule. Scheduler names allow 64 characters of [0-9a-zA-Z-_.], too few for three
 * ids of up to 128 characters, so the name is a digest of them: stable for one (environment, flow, tenant), the
 * same on every retry, and different for any other. The readable ids go in the schedule's description and input.
 */
public final class ScheduleName {

    private static final String PREFIX = "link-sync-";
    /** 40 hex digits: 160 bits of SHA-256, far beyond any chance of two links sharing a name. */
    private static final int DIGEST_HEX_DIGITS = 40;

    private ScheduleName() {
    }

    public static String of(JobTarget target) {
        String ids = target.envId() + "\n" + target.flowId() + "\n" + target.tenant();
        return PREFIX + sha256Hex(ids).substring(0, DIGEST_HEX_DIGITS);
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
