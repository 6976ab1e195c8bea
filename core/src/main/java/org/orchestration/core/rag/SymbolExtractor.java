package org.orchestration.core.rag;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line-based declaration finder for Java, Python, TypeScript/JavaScript and Go. Not a parser:
 * it looks at one line at a time, which finds the declarations {@code lookup_type} needs without
 * a grammar per language; a declaration split over several lines is found by its first line.
 */
public final class SymbolExtractor {

    private static final int MAX_SIGNATURE = 200;

    private static final Pattern JAVA_TYPE = Pattern.compile(
            "^\\s*(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
                    + "(class|interface|record|enum|@interface)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern JAVA_METHOD = Pattern.compile(
            "^\\s*(?:(?:public|protected|private|static|final|abstract|synchronized|native|default|strictfp)\\s+)*"
                    + "(?:<[^>]+>\\s+)?[\\w$][\\w$<>\\[\\],.?\\s]*?\\s+([a-zA-Z_$][\\w$]*)\\s*\\([^;]*$");
    private static final Set<String> JAVA_NOT_METHODS = Set.of("if", "for", "while", "switch", "catch", "return",
            "new", "else", "throw", "try", "synchronized", "do", "case");

    private static final Pattern PY_DEF = Pattern.compile("^\\s*(?:async\\s+)?def\\s+([A-Za-z_]\\w*)\\s*\\(");
    private static final Pattern PY_CLASS = Pattern.compile("^\\s*class\\s+([A-Za-z_]\\w*)");

    private static final Pattern TS_FUNCTION = Pattern.compile(
            "^\\s*(?:export\\s+)?(?:default\\s+)?(?:async\\s+)?function\\s*\\*?\\s*([A-Za-z_$][\\w$]*)");
    private static final Pattern TS_CLASS = Pattern.compile(
            "^\\s*(?:export\\s+)?(?:default\\s+)?(?:abstract\\s+)?class\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern TS_INTERFACE = Pattern.compile("^\\s*(?:export\\s+)?(?:declare\\s+)?interface\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern TS_TYPE = Pattern.compile("^\\s*(?:export\\s+)?(?:declare\\s+)?type\\s+([A-Za-z_$][\\w$]*)\\s*(?:<[^=]*>)?\\s*=");
    private static final Pattern TS_ARROW = Pattern.compile(
            "^\\s*(?:export\\s+)?(?:const|let)\\s+([A-Za-z_$][\\w$]*)\\s*(?::[^=]+)?=\\s*(?:async\\s+)?(?:function\\b|\\([^)]*\\)\\s*(?::[^=]+)?=>|[A-Za-z_$][\\w$]*\\s*=>)");

    private static final Pattern GO_FUNC = Pattern.compile("^func\\s+(?:\\([^)]*\\)\\s*)?([A-Za-z_]\\w*)\\s*[(\\[]");
    private static final Pattern GO_TYPE_START = Pattern.compile("^type\\s+([A-Za-z_]\\w*)\\s+(struct|interface|[\\w.\\[\\]*]+)");

    /** Declarations in {@code text} of the given language ("java", "python", ...); empty for others. */
    public List<Symbol> extract(String text, String language) {
        List<Symbol> out = new ArrayList<>();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            switch (language) {
                case "java" -> java(line, i + 1, out);
                case "python" -> python(line, i + 1, out);
                case "typescript", "javascript" -> script(line, language, i + 1, out);
                case "go" -> go(line, i + 1, out);
                default -> {
                    return out;
                }
            }
        }
        return out;
    }

    private static void java(String line, int no, List<Symbol> out) {
        String trimmed = line.strip();
        if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("/*")) {
            return;
        }
        Matcher m = JAVA_TYPE.matcher(line);
        if (m.find()) {
            String kind = m.group(1).equals("@interface") ? "annotation" : m.group(1);
            out.add(symbol(m.group(2), kind, "java", line, no));
            return;
        }
        m = JAVA_METHOD.matcher(line);
        if (m.find() && !JAVA_NOT_METHODS.contains(m.group(1)) && !trimmed.startsWith("return ")
                && !trimmed.contains("=") && !trimmed.startsWith("new ") && !trimmed.startsWith("else")) {
            out.add(symbol(m.group(1), "method", "java", line, no));
        }
    }

    private static void python(String line, int no, List<Symbol> out) {
        Matcher m = PY_DEF.matcher(line);
        if (m.find()) {
            out.add(symbol(m.group(1), line.startsWith(" ") || line.startsWith("\t") ? "method" : "function", "python", line, no));
            return;
        }
        m = PY_CLASS.matcher(line);
        if (m.find()) {
            out.add(symbol(m.group(1), "class", "python", line, no));
        }
    }

    private static void script(String line, String language, int no, List<Symbol> out) {
        Matcher m;
        if ((m = TS_CLASS.matcher(line)).find()) {
            out.add(symbol(m.group(1), "class", language, line, no));
        } else if ((m = TS_FUNCTION.matcher(line)).find()) {
            out.add(symbol(m.group(1), "function", language, line, no));
        } else if ((m = TS_INTERFACE.matcher(line)).find()) {
            out.add(symbol(m.group(1), "interface", language, line, no));
        } else if ((m = TS_TYPE.matcher(line)).find()) {
            out.add(symbol(m.group(1), "type", language, line, no));
        } else if ((m = TS_ARROW.matcher(line)).find()) {
            out.add(symbol(m.group(1), "function", language, line, no));
        }
    }

    private static void go(String line, int no, List<Symbol> out) {
        Matcher m;
        if ((m = GO_FUNC.matcher(line)).find()) {
            out.add(symbol(m.group(1), line.startsWith("func (") ? "method" : "function", "go", line, no));
        } else if ((m = GO_TYPE_START.matcher(line)).find()) {
            String kind = switch (m.group(2)) {
                case "struct" -> "struct";
                case "interface" -> "interface";
                default -> "type";
            };
            out.add(symbol(m.group(1), kind, "go", line, no));
        }
    }

    private static Symbol symbol(String name, String kind, String language, String line, int no) {
        String sig = line.strip();
        if (sig.endsWith("{")) {
            sig = sig.substring(0, sig.length() - 1).strip();
        }
        if (sig.length() > MAX_SIGNATURE) {
            sig = sig.substring(0, MAX_SIGNATURE) + "...";
        }
        return new Symbol(name, kind, language, sig, no);
    }
}
