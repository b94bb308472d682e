package io.warden.recipes.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The URI template of an instance, such as {@code {scheme}://{address}:{port}/api}: literal text and
 * {@code {variable}}s. Curator stores it as a list of parts (literal or variable); this class turns
 * the text into parts and back, and fills the variables in. Braces in literal text are written as the
 * variables {@code {[}} and {@code {]}}, which expand to "{" and "}".
 */
final class UriTemplate {
    /** The variable that expands to "{". */
    static final String OPEN_BRACE = "[";
    /** The variable that expands to "}". */
    static final String CLOSE_BRACE = "]";

    /** One piece of a template: literal text, or the name of a variable. */
    record Part(String value, boolean variable) {
        Part {
            Objects.requireNonNull(value, "value");
        }
    }

    private UriTemplate() {
    }

    /** The parts of {@code template}; IllegalArgumentException for unbalanced or nested braces or {}. */
    static List<Part> parse(String template) {
        List<Part> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inVariable = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                if (inVariable) {
                    throw problem(template, "'{' inside a variable at index " + i);
                }
                addLiteral(parts, current);
                inVariable = true;
            } else if (c == '}') {
                if (!inVariable) {
                    throw problem(template, "'}' without '{' at index " + i);
                }
                if (current.length() == 0) {
                    throw problem(template, "an empty variable at index " + (i - 1));
                }
                parts.add(new Part(current.toString(), true));
                current.setLength(0);
                inVariable = false;
            } else {
                current.append(c);
            }
        }
        if (inVariable) {
            throw problem(template, "the last variable is not closed with '}'");
        }
        addLiteral(parts, current);
        return List.copyOf(parts);
    }

    /** The template text of {@code parts}; IllegalArgumentException for a variable name that holds a brace. */
    static String render(List<Part> parts) {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part.variable()) {
                if (part.value().isEmpty() || part.value().indexOf('{') >= 0 || part.value().indexOf('}') >= 0) {
                    throw new IllegalArgumentException("a URI template variable cannot be named \"" + part.value()
                            + "\"");
                }
                text.append('{').append(part.value()).append('}');
            } else {
                for (int i = 0; i < part.value().length(); i++) {
                    char c = part.value().charAt(i);
                    text.append(c == '{' ? "{" + OPEN_BRACE + "}" : c == '}' ? "{" + CLOSE_BRACE + "}"
                            : String.valueOf(c));
                }
            }
        }
        return text.toString();
    }

    /** {@code parts} with each variable replaced by its value in {@code values}; unknown ones by nothing. */
    static String expand(List<Part> parts, Map<String, ?> values) {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (!part.variable()) {
                text.append(part.value());
            } else if (part.value().equals(OPEN_BRACE)) {
                text.append('{');
            } else if (part.value().equals(CLOSE_BRACE)) {
                text.append('}');
            } else {
                Object value = values.get(part.value());
                if (value != null) {
                    text.append(value);
                }
            }
        }
        return text.toString();
    }

    private static void addLiteral(List<Part> parts, StringBuilder current) {
        if (current.length() > 0) {
            parts.add(new Part(current.toString(), false));
            current.setLength(0);
        }
    }

    private static IllegalArgumentException problem(String template, String what) {
        return new IllegalArgumentException("invalid URI template \"" + template + "\": " + what);
    }
}
