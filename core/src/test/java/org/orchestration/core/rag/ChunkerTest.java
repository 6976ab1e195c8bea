package org.orchestration.core.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    @Test
    void markdownChunksNeverCrossAHeading() {
        String md = "# Title\nintro line\n\n## Install\nrun the installer\n\n## Usage\nstart the app\n";
        List<Chunk> chunks = new Chunker(1000, 2).chunk(md, SourceKind.Format.MARKDOWN);
        assertThat(chunks).extracting(Chunk::text)
                .containsExactly("# Title\nintro line", "## Install\nrun the installer", "## Usage\nstart the app");
        assertThat(chunks).extracting(Chunk::startLine).containsExactly(1, 4, 7);
        assertThat(chunks).extracting(Chunk::endLine).containsExactly(2, 5, 8);
    }

    @Test
    void headingInsideACodeFenceIsNotABoundary() {
        String md = "# Doc\n```\n# not a heading\n\nstill code\n```\n";
        List<Chunk> chunks = new Chunker(1000, 2).chunk(md, SourceKind.Format.MARKDOWN);
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).text()).contains("# not a heading", "still code");
    }

    @Test
    void longSectionsAreSplitWithOverlappingLines() {
        String body = IntStream.rangeClosed(1, 40).mapToObj(i -> "line number " + i + " of the section").collect(Collectors.joining("\n"));
        List<Chunk> chunks = new Chunker(300, 2).chunk(body, SourceKind.Format.TEXT);
        assertThat(chunks.size()).isGreaterThan(3);
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).startLine()).isLessThanOrEqualTo(chunks.get(i - 1).endLine());
            assertThat(chunks.get(i).startLine()).isGreaterThan(chunks.get(i - 1).startLine());
        }
        assertThat(chunks.get(0).startLine()).isEqualTo(1);
        assertThat(chunks.get(chunks.size() - 1).endLine()).isEqualTo(40);
        chunks.forEach(c -> assertThat(c.text().length()).isLessThanOrEqualTo(300));
    }

    @Test
    void codeIsCutAtDeclarationsAndBlankLines() {
        String code = "class A {\n  int x;\n}\n\nclass B {\n  int y;\n}\n";
        List<Chunk> chunks = new Chunker(24, 0).chunk(code, SourceKind.Format.CODE);
        assertThat(chunks).extracting(Chunk::text).containsExactly("class A {\n  int x;\n}", "class B {\n  int y;\n}");
        assertThat(chunks).extracting(Chunk::startLine).containsExactly(1, 5);
    }

    @Test
    void lineRangesPointAtTheChunkText() {
        String text = "alpha\n\nbeta\ngamma\n\n\ndelta";
        String[] lines = text.split("\n", -1);
        for (Chunk c : new Chunker(12, 1).chunk(text, SourceKind.Format.TEXT)) {
            String source = String.join("\n", Arrays.copyOfRange(lines, c.startLine() - 1, c.endLine())).strip();
            assertThat(c.text()).isEqualTo(source);
        }
    }
}
