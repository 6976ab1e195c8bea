package org.orchestration.core.rag;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How a file is read and chunked, decided by its extension; {@code language} names source code. */
public record SourceKind(Format format, String language) {

    public enum Format { MARKDOWN, TEXT, CODE, PDF }

    private static final Map<String, String> CODE = Map.ofEntries(
            Map.entry("java", "java"), Map.entry("kt", "kotlin"), Map.entry("scala", "scala"),
            Map.entry("py", "python"), Map.entry("ts", "typescript"), Map.entry("tsx", "typescript"),
            Map.entry("js", "javascript"), Map.entry("jsx", "javascript"), Map.entry("mjs", "javascript"),
            Map.entry("cjs", "javascript"), Map.entry("go", "go"), Map.entry("rs", "rust"),
            Map.entry("c", "c"), Map.entry("h", "c"), Map.entry("cpp", "cpp"), Map.entry("hpp", "cpp"),
            Map.entry("cs", "csharp"), Map.entry("rb", "ruby"), Map.entry("php", "php"),
            Map.entry("swift", "swift"), Map.entry("sh", "shell"), Map.entry("sql", "sql"),
            Map.entry("yaml", "yaml"), Map.entry("yml", "yaml"), Map.entry("toml", "toml"),
            Map.entry("json", "json"), Map.entry("xml", "xml"), Map.entry("html", "html"),
            Map.entry("css", "css"), Map.entry("gradle", "groovy"), Map.entry("properties", "properties"));

    /** The kind of {@code fileName}, or empty when it is not something we index. */
    public static Optional<SourceKind> of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        switch (ext) {
            case "md", "markdown", "mdx":
                return Optional.of(new SourceKind(Format.MARKDOWN, "markdown"));
            case "txt", "rst", "adoc", "text":
                return Optional.of(new SourceKind(Format.TEXT, "text"));
            case "pdf":
                return Optional.of(new SourceKind(Format.PDF, "pdf"));
            default:
                String lang = CODE.get(ext);
                return lang == null ? Optional.empty() : Optional.of(new SourceKind(Format.CODE, lang));
        }
    }
}
