package org.orchestration.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.orchestration.core.llm.CancellationToken;

/** {@code read_file(path)}: a UTF-8 text file from the project's workspace, at most {@code maxFileBytes}. */
public final class ReadFileTool extends BaseTool {

    public static final String NAME = "read_file";
    private final long maxFileBytes;

    public ReadFileTool(long maxFileBytes) {
        super(NAME, "Read a UTF-8 text file from the project's workspace folder.",
                ToolInput.schema().string("path", "File path relative to the workspace, e.g. \"src/app.py\".", true).build());
        this.maxFileBytes = requirePositive(maxFileBytes);
    }

    static long requirePositive(long maxFileBytes) {
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("files.max_file_bytes must be greater than 0");
        }
        return maxFileBytes;
    }

    @Override
    ToolOutcome run(ToolContext context, JsonNode input, CancellationToken cancel) throws ToolInput.Invalid, Workspace.Refused {
        String path = ToolInput.requiredString(input, "path");
        Path file = new Workspace(context.workspace()).existing(path);
        if (Files.isDirectory(file)) {
            return ToolOutcome.error("\"" + path + "\" is a folder; use list_files to see what it contains.");
        }
        if (!Files.isRegularFile(file)) {
            return ToolOutcome.error("\"" + path + "\" is not a regular file (device, pipe or socket) and cannot be read.");
        }
        try {
            long size = Files.size(file);
            if (size > maxFileBytes) {
                return ToolOutcome.error("\"" + path + "\" is " + size + " bytes; files larger than " + maxFileBytes
                        + " bytes cannot be read.");
            }
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    return ToolOutcome.error("\"" + path + "\" is a binary file; only text files can be read.");
                }
            }
            return ToolOutcome.ok(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return ToolOutcome.error("\"" + path + "\" is not UTF-8 text.");
        } catch (IOException e) {
            return ToolOutcome.error("The file could not be read: " + e.getMessage());
        }
    }
}
