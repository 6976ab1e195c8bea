package org.orchestration.core.rag;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a document into chunks that respect its structure and keep their line ranges.
 *
 * <p>The text is first cut into blocks: paragraphs (blank-line separated) for plain text;
 * for markdown also every heading starts a new section (a hard boundary that a chunk never
 * crosses) and fenced code blocks stay whole; for source code also every line that starts a
 * declaration (class, def, func, function ...) starts a new block. Blocks are then packed into
 * chunks of at most {@code maxChars}; consecutive chunks of one section share
 * {@code overlapLines} lines so a sentence cut at a boundary is still found. A block longer than
 * {@code maxChars} is cut into line windows.
 */
public final class Chunker {

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+\\S.*");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*");
    private static final Pattern DECLARATION = Pattern.compile(
            "^\\s{0,4}(?:@\\w+|(?:public|protected|private|static|final|abstract|export|default|async|sealed)\\s+)*"
                    + "(?:class|interface|record|enum|def|func|function|type|fn|struct|impl|trait)\\b.*");

    private final int maxChars;
    private final int overlapLines;

    public Chunker() {
        this(1000, 2);
    }

    public Chunker(int maxChars, int overlapLines) {
        this.maxChars = maxChars;
        this.overlapLines = overlapLines;
    }

    private record Block(int start, int end, boolean hardBreak) {
    }

    public List<Chunk> chunk(String text, SourceKind.Format format) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<Block> blocks = blocks(lines, format);
        List<Chunk> out = new ArrayList<>();
        int cs = -1;
        int ce = -1;
        int size = 0;
        for (Block b : blocks) {
            int bSize = chars(lines, b.start, b.end);
            if (cs >= 0 && (b.hardBreak || size + bSize > maxChars)) {
                emit(lines, cs, ce, out);
                if (b.hardBreak) {
                    cs = -1;
                    size = 0;
                } else {
                    cs = Math.max(cs, ce - overlapLines + 1);
                    // an overlap that does not leave room for the block is dropped
                    size = chars(lines, cs, ce);
                    if (size + bSize > maxChars) {
                        cs = -1;
                        size = 0;
                    }
                }
            }
            if (bSize > maxChars) {
                if (cs >= 0) {
                    emit(lines, cs, ce, out);
                }
                int[] tail = windows(lines, cs >= 0 ? Math.max(cs, ce - overlapLines + 1) : b.start, b.start, b.end, out);
                cs = tail[0];
                ce = tail[1];
                size = chars(lines, cs, ce);
                continue;
            }
            if (cs < 0) {
                cs = b.start;
            }
            ce = b.end;
            size = chars(lines, cs, ce);
        }
        if (cs >= 0) {
            emit(lines, cs, ce, out);
        }
        return dedupe(out);
    }

    /** Cuts lines [start, end] of an over-long block into windows; returns the last window, not yet emitted. */
    private int[] windows(String[] lines, int overlapStart, int start, int end, List<Chunk> out) {
        int ws = overlapStart < start ? overlapStart : start;
        int size = 0;
        int we = ws - 1;
        for (int i = ws; i <= end; i++) {
            int len = lines[i].length() + 1;
            if (we >= ws && size + len > maxChars) {
                emit(lines, ws, we, out);
                ws = Math.max(ws + 1, we - overlapLines + 1);
                size = chars(lines, ws, we);
            }
            we = i;
            size += len;
        }
        return new int[] {ws, we};
    }

    private List<Block> blocks(String[] lines, SourceKind.Format format) {
        List<Block> blocks = new ArrayList<>();
        boolean inFence = false;
        int start = -1;
        boolean hard = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean blank = line.isBlank();
            boolean fence = format == SourceKind.Format.MARKDOWN && FENCE.matcher(line).matches();
            boolean startsNew = false;
            boolean hardHere = false;
            if (!inFence) {
                if (format == SourceKind.Format.MARKDOWN && HEADING.matcher(line).matches()) {
                    startsNew = true;
                    hardHere = true;
                } else if (format == SourceKind.Format.CODE && DECLARATION.matcher(line).matches()) {
                    startsNew = true;
                }
            }
            if (fence) {
                inFence = !inFence;
            }
            if (blank && !inFence) {
                if (start >= 0) {
                    blocks.add(new Block(start, i - 1, hard));
                    start = -1;
                    hard = false;
                }
                continue;
            }
            if (startsNew && start >= 0) {
                blocks.add(new Block(start, i - 1, hard));
                start = -1;
            }
            if (start < 0) {
                start = i;
                hard = hardHere || hard;
            }
        }
        if (start >= 0) {
            blocks.add(new Block(start, lines.length - 1, hard));
        }
        return blocks;
    }

    private static int chars(String[] lines, int from, int to) {
        int n = 0;
        for (int i = from; i <= to && i >= 0; i++) {
            n += lines[i].length() + 1;
        }
        return n;
    }

    private static void emit(String[] lines, int from, int to, List<Chunk> out) {
        // Line ranges point at the stripped text: leading and trailing blank lines are not part of it.
        while (from <= to && lines[from].isBlank()) {
            from++;
        }
        while (to >= from && lines[to].isBlank()) {
            to--;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i++) {
            if (i > from) {
                sb.append('\n');
            }
            sb.append(lines[i]);
        }
        String text = sb.toString().strip();
        if (!text.isEmpty()) {
            out.add(new Chunk(text, from + 1, to + 1));
        }
    }

    /** A window emitted twice (overlap of a block that then ended) is kept once. */
    private static List<Chunk> dedupe(List<Chunk> chunks) {
        List<Chunk> out = new ArrayList<>(chunks.size());
        for (Chunk c : chunks) {
            Chunk last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.startLine() <= c.startLine() && last.endLine() >= c.endLine()) {
                continue;
            }
            out.add(c);
        }
        return out;
    }
}
