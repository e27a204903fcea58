package io.jobsettings.settings;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.jobsettings.platform.json.QuotedValue;

/** S3's rules for general purpose bucket names, each refusal naming the rule it broke. */
public class S3BucketNameValidator implements ConstraintValidator<S3BucketName, String> {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES =
            List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    @Override
    public boolean isValid(String bucket, ConstraintValidatorContext context) {
        if (bucket == null) {
            return true;
        }
        return problemWith(bucket).map(problem -> ScheduleExpressionValidator.replaceMessage(context, problem))
                .orElse(true);
    }

    /** Empty when S3 would take {@code bucket} as a general purpose bucket's name; otherwise the rule it breaks. */
    static Optional<String> problemWith(String bucket) {
        if (!SHAPE.matcher(bucket).matches()) {
            return Optional.of("must be an S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens, "
                    + "starting and ending with a letter or digit");
        }
        if (bucket.contains("..")) {
            return Optional.of("must be an S3 bucket name: two dots in a row are not allowed");
        }
        if (bucket.contains(".-") || bucket.contains("-.")) {
            return Optional.of("must be an S3 bucket name: a hyphen next to a dot makes a host name S3 cannot"
                    + " serve it under");
        }
        if (IP_ADDRESS.matcher(bucket).matches()) {
            return Optional.of("must be an S3 bucket name, which is never formatted as an IP address");
        }
        Optional<String> prefix = RESERVED_PREFIXES.stream().filter(bucket::startsWith).findFirst();
        if (prefix.isPresent()) {
            return Optional.of("must be an S3 bucket name: the prefix " + QuotedValue.of(prefix.get())
                    + " is reserved by AWS");
        }
        return RESERVED_SUFFIXES.stream().filter(bucket::endsWith).findFirst()
                .map(suffix -> "must be an S3 bucket name: the suffix " + QuotedValue.of(suffix)
                        + " is reserved by AWS");
    }
}
