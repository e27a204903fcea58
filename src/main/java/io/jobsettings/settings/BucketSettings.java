package io.jobsettings.settings;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A customer's own S3 bucket, reached with the customer's own key pair. */
@RegisterForReflection
public record BucketSettings(
        @NotNull(message = "is required: the bucket's name")
        @S3BucketName
        String bucket,
        @NotNull(message = "is required: the bucket's AWS region")
        @Pattern(regexp = "(?=.{4,32}$)[a-z]{2}(-[a-z]+)+-\\d{1,2}",
                message = "must be an AWS region such as eu-west-1")
        String region,
        @Size(max = 512, message = "must be at most 512 characters")
        // A prefix over 512 characters is left to @Size alone: the repeated group recurses once per segment, and a
        // long enough prefix would overflow the stack of the thread that validates it.
        @Pattern(regexp = "(?s).{513,}|(?!(.*/)?\\.{1,2}/)([A-Za-z0-9!_.*'()-]+/)*",
                message = "must be empty or path segments that each end with '/', without '..' or a leading '/'")
        String prefix,
        @NotNull(message = "is required: the access key id of the bucket's key pair")
        @Pattern(regexp = "[A-Z0-9]{16,128}", message = "must be an AWS access key id: 16 to 128 upper-case letters "
                + "and digits")
        String accessKeyId,
        @NotNull(message = "is required: the secret access key of the bucket's key pair")
        @Pattern(regexp = "[A-Za-z0-9/+=]{16,128}", message = "must be an AWS secret access key")
        String secretAccessKey) {

    public BucketSettings {
        prefix = prefix != null ? prefix : "";
    }
}
