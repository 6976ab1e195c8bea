package org.orchestration.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.orchestration.core.llm.CancellationToken;

/**
 * {@code list_files(path?, recursive?)}: the entries of a workspace folder. Links are listed but
 * never followed, so a link pointing out of the workspace reveals nothing beyond its name.
 */
public final class ListFilesTool extends BaseTool {

    public static final String NAME = "list_files";
    public static final int MAX_ENTRIES = 1000;
    public ListFilesTool() {
        super(NAME, "List the files and folders in the project's workspace folder.",
                ToolInput.schema()
                        .string("path", "Folder relative to the workspace; default \".\" (the workspace itself).", false)
                        .bool("recursive", "Also list the contents of sub-folders; default false.", false)
                        .build());
    }

    @Override
    ToolOutcome run(ToolContext context, JsonNode input, CancellationToken cancel) throws ToolInput.Invalid, Workspace.Refused {
        try {
            String path = ToolInput.optionalString(input, "path");
            boolean recursive = ToolInput.optionalBoolean(input, "recursive", false);
            Workspace workspace = new Workspace(context.workspace());
            if ((path == null || path.isBlank() || path.equals(".")) && !Files.isDirectory(context.workspace())) {
                return ToolOutcome.ok("The workspace is empty.");
            }
            Path dir = workspace.existing(path == null || path.isBlank() ? "." : path);
            if (!Files.isDirectory(dir)) {
                return ToolOutcome.error("\"" + path + "\" is a file, not a folder; use read_file to read it.");
            }
            List<String> lines = new ArrayList<>();
            boolean[] truncated = {false};
            Files.walkFileTree(dir, EnumSet.noneOf(FileVisitOption.class),
                    recursive ? Integer.MAX_VALUE : 1, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                            if (d.equals(dir)) {
                                return FileVisitResult.CONTINUE;
                            }
                            return add(d, attrs);
                        }

                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                            return add(f, attrs);
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path f, IOException e) {
                            return FileVisitResult.CONTINUE;
                        }

                        private FileVisitResult add(Path p, BasicFileAttributes attrs) throws IOException {
                            if (cancel.isCancelled()) {
                                return FileVisitResult.TERMINATE;
                            }
                            if (lines.size() >= MAX_ENTRIES) {
                                truncated[0] = true;
                                return FileVisitResult.TERMINATE;
                            }
                            String rel = relative(workspace, p);
                            if (attrs.isSymbolicLink()) {
                                lines.add(rel + " (link, not followed)");
                            } else if (attrs.isDirectory()) {
                                lines.add(rel + "/");
                            } else if (attrs.isRegularFile()) {
                                lines.add(rel + " (" + attrs.size() + " bytes)");
                            } else {
                                lines.add(rel + " (special file)");
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
            if (lines.isEmpty()) {
                return ToolOutcome.ok("The folder is empty.");
            }
            lines.sort(null);
            if (truncated[0]) {
                lines.add("(only the first " + MAX_ENTRIES + " entries are shown)");
            }
            return ToolOutcome.ok(String.join("\n", lines));
        } catch (IOException e) {
            return ToolOutcome.error("The folder could not be listed: " + e.getMessage());
        }
    }

    private static String relative(Workspace workspace, Path p) throws IOException {
        try {
            return workspace.relative(p);
        } catch (Workspace.Refused e) {
            throw new IOException(e.getMessage());
        }
    }
}
