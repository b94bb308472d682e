package io.warden.daemon.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the lines of a configuration file into entries the way {@code java.util.Properties.load}
 * does, which is how ZooKeeper reads {@code zoo.cfg}, but keeps the line numbers.
 *
 * <ul>
 *   <li>Blank lines are skipped; a line whose first non-blank character is {@code #} or {@code !}
 *       is a comment. There are no end-of-line comments: {@code a=1 # x} has the value {@code 1 #
 *       x}.
 *   <li>A line ending in an odd number of backslashes continues on the next line, whose leading
 *       blanks are dropped. A logical line that is still empty is skipped, and a comment marker
 *       there still starts a comment (as {@code Properties} does since JDK 9).
 *   <li>The key ends at the first unescaped {@code =}, {@code :} or blank; blanks around the
 *       separator are skipped. So {@code key=value}, {@code key: value} and {@code key value} are
 *       all accepted; a key alone has the empty value.
 *   <li>Escapes: {@code \t \n \r \f}, {@code \}{@code uXXXX}, and backslash before any other
 *       character stands for that character.
 *   <li>Key and value are then trimmed, as {@code QuorumPeerConfig.parseProperties} does.
 * </ul>
 *
 * Blanks here are space, tab and form feed, as in {@code Properties}.
 */
final class PropertiesSyntax {
    private PropertiesSyntax() {}

    static List<CfgEntry> read(List<String> lines, String source) throws ConfigException {
        List<CfgEntry> entries = new ArrayList<>();
        int next = 0;
        while (next < lines.size()) {
            StringBuilder logical = new StringBuilder();
            int firstLine = 0;
            boolean continues = true;
            while (continues && next < lines.size()) {
                String physical = lines.get(next);
                int lineNumber = ++next;
                String segment = physical.substring(skipBlanks(physical, 0));
                // As in Properties (JDK 9+): '#' or '!' starts a comment whenever nothing has been
                // read into the logical line yet, even on a continuation line after a lone backslash.
                if (logical.length() == 0 && (segment.startsWith("#") || segment.startsWith("!"))) {
                    break;
                }
                continues = endsWithOddBackslashes(segment);
                String content = continues ? segment.substring(0, segment.length() - 1) : segment;
                if (logical.length() == 0 && !content.isEmpty()) {
                    firstLine = lineNumber;
                }
                logical.append(content);
            }
            if (logical.length() > 0) {
                entries.add(split(logical.toString(), firstLine, source));
            }
        }
        return entries;
    }

    private static CfgEntry split(String line, int lineNumber, String source) throws ConfigException {
        int keyEnd = 0;
        int valueStart = line.length();
        boolean separatorSeen = false;
        boolean escaped = false;
        while (keyEnd < line.length()) {
            char c = line.charAt(keyEnd);
            if (!escaped && (c == '=' || c == ':')) {
                valueStart = keyEnd + 1;
                separatorSeen = true;
                break;
            }
            if (!escaped && isBlank(c)) {
                valueStart = keyEnd + 1;
                break;
            }
            escaped = c == '\\' && !escaped;
            keyEnd++;
        }
        while (valueStart < line.length()) {
            char c = line.charAt(valueStart);
            if (!isBlank(c)) {
                if (separatorSeen || (c != '=' && c != ':')) {
                    break;
                }
                separatorSeen = true;
            }
            valueStart++;
        }
        String key = unescape(line.substring(0, keyEnd), lineNumber, source).trim();
        String value = unescape(line.substring(valueStart), lineNumber, source).trim();
        return new CfgEntry(key, value, lineNumber);
    }

    private static String unescape(String text, int lineNumber, String source) throws ConfigException {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i == text.length()) {
                break; // a lone trailing backslash stands for nothing
            }
            char escapedChar = text.charAt(i++);
            switch (escapedChar) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append(unicode(text, i, lineNumber, source));
                    i += 4;
                }
                default -> out.append(escapedChar);
            }
        }
        return out.toString();
    }

    private static char unicode(String text, int at, int lineNumber, String source) throws ConfigException {
        if (at + 4 > text.length()) {
            throw malformedUnicode(lineNumber, source);
        }
        int value = 0;
        for (int k = at; k < at + 4; k++) {
            int digit = Character.digit(text.charAt(k), 16);
            if (digit < 0) {
                throw malformedUnicode(lineNumber, source);
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    private static ConfigException malformedUnicode(int lineNumber, String source) {
        return new ConfigException(source + ":" + lineNumber + ": malformed \\uXXXX escape");
    }

    private static boolean endsWithOddBackslashes(String s) {
        int count = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 1;
    }

    private static int skipBlanks(String s, int from) {
        int i = from;
        while (i < s.length() && isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }
}
