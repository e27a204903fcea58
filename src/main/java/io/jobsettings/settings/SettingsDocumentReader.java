package io.jobsettings.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.platform.http.FieldError;
import io.jobsettings.platform.http.ProblemException;
import io.jobsettings.platform.json.QuotedValue;
import io.jobsettings.platform.json.StrictJson;

/**
 * Turns what a caller sent into valid settings, or into one answer that names every bad member by JSON pointer.
 * Server-owned members are ignored, and a masked secret sent back stands for the stored one.
 */
@Singleton
public class SettingsDocumentReader {

    private static final List<String> SERVER_OWNED = List.of("version", "updatedAt");

    private final StrictJson json;
    private final Validator validator;
    private final SettingsView view;

    public SettingsDocumentReader(StrictJson json, Validator validator, SettingsView view) {
        this.json = json;
        this.validator = validator;
        this.view = view;
    }

    /** A PUT body: a whole document, members left out taking their defaults. */
    public Settings replacement(String envId, JsonNode body, Settings current) {
        JsonNode merged = MergePatch.apply(view.masked(Settings.defaults(envId)), body, json.mapper());
        return bind(envId, (ObjectNode) merged, current);
    }

    /** A PATCH body: a JSON merge patch over the document as the caller sees it. */
    public Settings patched(String envId, JsonNode patch, Settings current) {
        JsonNode merged = MergePatch.apply(view.masked(current), patch, json.mapper());
        return bind(envId, (ObjectNode) merged, current);
    }

    private Settings bind(String envId, ObjectNode document, Settings current) {
        dropServerOwned(envId, document);
        List<FieldError> maskErrors = restoreMaskedSecrets(document, current);

        Settings settings;
        // Limitation: Jackson stops at the first unknown member, wrong type or value outside an enum, so those
        // come one at a time; value errors all come at once.
        try {
            settings = json.mapper().treeToValue(document, Settings.class);
        } catch (JsonMappingException e) {
            throw ProblemException.invalid(pointerOf(e), messageFor(e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemException.badRequest("the body could not be read as settings");
        }
        List<String> masked = maskErrors.stream().map(FieldError::pointer).toList();
        List<FieldError> errors = new ArrayList<>(violationsOf(validator.validate(settings)).stream()
                .filter(error -> !masked.contains(error.pointer()))
                .toList());
        errors.addAll(maskErrors);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::pointer).thenComparing(FieldError::message));
            throw ProblemException.invalid(errors);
        }
        return settings;
    }

    private static void dropServerOwned(String envId, ObjectNode document) {
        JsonNode sentEnvId = document.remove("envId");
        if (sentEnvId != null && !sentEnvId.isNull() && !envId.equals(sentEnvId.asText())) {
            throw ProblemException.invalid("/envId", "must match the environment in the path, or be left out");
        }
        requireAsRead(document.get("version"), JsonNode::isIntegralNumber, "/version", "a whole number");
        requireAsRead(document.get("updatedAt"), JsonNode::isTextual, "/updatedAt", "a string");
        document.remove(SERVER_OWNED);
        if (document.at("/jobs/defaultSchedule") instanceof ObjectNode schedule) {
            requireAsRead(schedule.get("enabledAt"), JsonNode::isTextual, "/jobs/defaultSchedule/enabledAt",
                    "a string");
            schedule.remove("enabledAt");
        }
    }

    /** A server-owned member is ignored when sent back as it was read: null or of its own JSON type. */
    private static void requireAsRead(JsonNode sent, Predicate<JsonNode> ownType, String pointer, String type) {
        if (sent != null && !sent.isNull() && !ownType.test(sent)) {
            throw ProblemException.invalid(pointer, "is set by the server and ignored when sent back as read ("
                    + type + " or null); leave it out");
        }
    }

    /** Puts stored secrets back where their mask was sent; answers what could not be put back. */
    private List<FieldError> restoreMaskedSecrets(ObjectNode document, Settings current) {
        ObjectNode stored = view.plain(current);
        List<FieldError> errors = new ArrayList<>();
        SecretFields.rewrite(document, (pointer, sent) -> {
            if (!SecretMask.looksMasked(sent)) {
                return sent;
            }
            JsonNode storedValue = stored.at(pointer);
            boolean sameMask = storedValue.isTextual() && SecretMask.mask(storedValue.textValue()).equals(sent);
            List<String> movedTargets = SecretFields.TARGETS.get(pointer).stream()
                    .filter(target -> !document.at(target).equals(stored.at(target)))
                    .toList();
            if (sameMask && movedTargets.isEmpty()) {
                return storedValue.textValue();
            }
            if (sameMask) {
                errors.add(new FieldError(pointer, "is masked, but " + String.join(", ", movedTargets)
                        + " changed; send the full secret to use it with the new target"));
                return sent;
            }
            errors.add(new FieldError(pointer, "is a masked value that does not match the stored secret; "
                    + "send the full secret, or the mask exactly as read to keep the stored one"));
            return sent;
        });
        return errors;
    }

    private static List<FieldError> violationsOf(Set<ConstraintViolation<Settings>> violations) {
        return violations.stream()
                .map(v -> new FieldError(pointerOf(v.getPropertyPath()), ownMessage(v)))
                .distinct()
                .sorted(Comparator.comparing(FieldError::pointer).thenComparing(FieldError::message))
                .toList();
    }

    /** Our own words: a constraint left with the validator's default message must not reach a caller. */
    private static String ownMessage(ConstraintViolation<?> violation) {
        String template = violation.getMessageTemplate();
        boolean validatorsOwn = template.startsWith("{jakarta.validation.") || template.startsWith("{org.hibernate.");
        return validatorsOwn ? "is invalid" : violation.getMessage();
    }

    static String pointerOf(Path path) {
        StringBuilder pointer = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getIndex() != null) {
                pointer.append('/').append(node.getIndex());
            }
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                pointer.append('/').append(escape(node.getName()));
            }
        }
        return pointer.length() == 0 ? "/" : pointer.toString();
    }

    private static String pointerOf(JsonMappingException e) {
        JsonPointer pointer = JsonPointer.empty();
        List<JsonMappingException.Reference> path = e.getPath();
        for (int i = 0; i < path.size(); i++) {
            String name = path.get(i).getFieldName();
            boolean unknown = e instanceof UnrecognizedPropertyException && i == path.size() - 1;
            pointer = name == null ? pointer.appendIndex(path.get(i).getIndex())
                    : pointer.appendProperty(unknown ? QuotedValue.unknownMemberName(name) : name);
        }
        return pointer.toString().isEmpty() ? "/" : pointer.toString();
    }

    private String messageFor(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known member";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
            return "must be one of " + enumNames(invalid.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "must be " + describe(mismatched.getTargetType());
        }
        return "is invalid";
    }

    private String describe(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + enumNames(type);
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private String enumNames(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(constant -> json.mapper().convertValue(constant, String.class))
                .collect(Collectors.joining(", "));
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
