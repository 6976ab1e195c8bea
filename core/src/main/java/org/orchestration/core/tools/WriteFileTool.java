package org.orchestration.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.orchestration.core.llm.CancellationToken;

/**
 * {@code write_file(path, content)}: creates or replaces a UTF-8 text file in the workspace,
 * creating folders as needed. Reports the file in {@link ToolOutcome#filesWritten()}.
 */
public final class WriteFileTool extends BaseTool {

    public static final String NAME = "write_file";
    private final long maxFileBytes;

    public WriteFileTool(long maxFileBytes) {
        super(NAME, "Create or replace a UTF-8 text file in the project's workspace folder (folders are created as needed).",
                ToolInput.schema()
                        .string("path", "File path relative to the workspace, e.g. \"docs/summary.md\".", true)
                        .string("content", "The complete new content of the file.", true)
                        .build());
        this.maxFileBytes = ReadFileTool.requirePositive(maxFileBytes);
    }

    @Override
    ToolOutcome run(ToolContext context, JsonNode input, CancellationToken cancel) throws ToolInput.Invalid, Workspace.Refused {
        String path = ToolInput.requiredString(input, "path");
        String content = ToolInput.requiredString(input, "content");
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxFileBytes) {
            return ToolOutcome.error("The content is " + bytes.length + " bytes; files larger than " + maxFileBytes
                    + " bytes cannot be written.");
        }
        Workspace workspace = new Workspace(context.workspace());
        Path written = workspace.write(path, bytes);
        String rel = workspace.relative(written);
        return new ToolOutcome("Wrote " + bytes.length + " bytes to " + rel + ".", false, List.of(rel));
    }
}
