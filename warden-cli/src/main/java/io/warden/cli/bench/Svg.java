package io.warden.cli.bench;

import java.util.Locale;

/** Builds SVG markup: elements with attributes, text escaped for XML. */
final class Svg {
    private final StringBuilder out = new StringBuilder();

    Svg(int width, int height) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
    }

    /** An element with the attributes given as name, value pairs; {@code text} is its content or null. */
    Svg element(String name, String text, Object... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        out.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"").append(escape(format(attributes[i + 1]))).append('"');
        }
        if (text == null) {
            out.append("/>\n");
        } else {
            out.append('>').append(escape(text)).append("</").append(name).append(">\n");
        }
        return this;
    }

    Svg open(String name, Object... attributes) {
        out.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"").append(escape(format(attributes[i + 1]))).append('"');
        }
        out.append(">\n");
        return this;
    }

    Svg close(String name) {
        out.append("</").append(name).append(">\n");
        return this;
    }

    String finish() {
        return out.append("</svg>\n").toString();
    }

    /** Coordinates with one decimal, without a locale's separators. */
    static String format(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        return String.valueOf(value);
    }

    /** The text with XML's special characters as entities and control characters (not allowed in XML 1.0) dropped. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
