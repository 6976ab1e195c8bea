package org.orchestration.core.rag;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Turns a file's bytes into text: UTF-8 for text and code (binary content refused), PDFBox for PDF. */
final class DocumentReader {

    /** A file that is not text we can index; the message says why. */
    static final class NotIndexable extends Exception {
        NotIndexable(String message) {
            super(message);
        }
    }

    String read(Path file, byte[] bytes, SourceKind kind) throws NotIndexable {
        if (kind.format() == SourceKind.Format.PDF) {
            return pdf(bytes);
        }
        int probe = Math.min(bytes.length, 8192);
        for (int i = 0; i < probe; i++) {
            if (bytes[i] == 0) {
                throw new NotIndexable("binary content");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // Latin-1 text still indexes; genuinely binary files were caught by the NUL probe.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static String pdf(byte[] bytes) throws NotIndexable {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            if (doc.isEncrypted()) {
                throw new NotIndexable("encrypted PDF");
            }
            return new PDFTextStripper().getText(doc);
        } catch (IOException e) {
            throw new NotIndexable("unreadable PDF: " + e.getMessage());
        }
    }
}
