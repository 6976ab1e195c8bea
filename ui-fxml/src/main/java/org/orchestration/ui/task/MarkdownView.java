package org.orchestration.ui.task;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Renders Markdown (commonmark) into plain JavaFX nodes: TextFlows for paragraphs, styled Text
 * runs for emphasis and code, boxes for code blocks and quotes. No WebView: light, themeable and
 * safe (raw HTML is shown as text, links are not followed).
 */
public final class MarkdownView {

    private static final Parser PARSER = Parser.builder().build();

    private MarkdownView() {
    }

    public static VBox render(String markdown) {
        VBox root = new VBox(8);
        root.getStyleClass().add("markdown");
        org.commonmark.node.Node doc = PARSER.parse(markdown == null ? "" : markdown);
        for (org.commonmark.node.Node block = doc.getFirstChild(); block != null; block = block.getNext()) {
            root.getChildren().add(block(block, 0));
        }
        return root;
    }

    private static Node block(org.commonmark.node.Node block, int depth) {
        if (block instanceof Heading h) {
            TextFlow flow = inline(h);
            flow.getChildren().forEach(n -> n.getStyleClass().add("md-h" + Math.min(h.getLevel(), 3)));
            flow.getStyleClass().add("md-h" + Math.min(h.getLevel(), 3));
            return flow;
        }
        if (block instanceof Paragraph p) {
            return inline(p);
        }
        if (block instanceof FencedCodeBlock c) {
            return codeBlock(c.getLiteral());
        }
        if (block instanceof IndentedCodeBlock c) {
            return codeBlock(c.getLiteral());
        }
        if (block instanceof BulletList || block instanceof OrderedList) {
            VBox list = new VBox(4);
            int n = block instanceof OrderedList ol && ol.getMarkerStartNumber() != null ? ol.getMarkerStartNumber() : 1;
            for (org.commonmark.node.Node item = block.getFirstChild(); item != null; item = item.getNext()) {
                String marker = block instanceof OrderedList ? (n++) + "." : "•";
                VBox content = new VBox(4);
                for (org.commonmark.node.Node c = item.getFirstChild(); c != null; c = c.getNext()) {
                    content.getChildren().add(block(c, depth + 1));
                }
                Label m = new Label(marker);
                m.setMinWidth(18);
                list.getChildren().add(new HBox(6, m, content));
            }
            return list;
        }
        if (block instanceof BlockQuote q) {
            VBox box = new VBox(6);
            box.getStyleClass().add("md-quote");
            for (org.commonmark.node.Node c = q.getFirstChild(); c != null; c = c.getNext()) {
                box.getChildren().add(block(c, depth + 1));
            }
            return box;
        }
        if (block instanceof ThematicBreak) {
            return new javafx.scene.control.Separator();
        }
        if (block instanceof ListItem li) {
            return inline(li);
        }
        // HTML blocks and anything else: shown as text, never interpreted
        TextFlow flow = new TextFlow(text(literal(block), "md-text"));
        return flow;
    }

    private static Label codeBlock(String literal) {
        Label code = new Label(literal.stripTrailing());
        code.getStyleClass().add("md-code-block");
        code.setMaxWidth(Double.MAX_VALUE);
        code.setWrapText(true);
        return code;
    }

    private static String literal(org.commonmark.node.Node n) {
        StringBuilder sb = new StringBuilder();
        n.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Text t) {
                sb.append(t.getLiteral());
            }

            @Override
            public void visit(HtmlBlock h) {
                sb.append(h.getLiteral());
            }
        });
        return sb.toString();
    }

    private static TextFlow inline(org.commonmark.node.Node parent) {
        List<Node> runs = new ArrayList<>();
        collect(parent, List.of(), runs);
        TextFlow flow = new TextFlow(runs.toArray(Node[]::new));
        flow.setLineSpacing(2);
        return flow;
    }

    private static void collect(org.commonmark.node.Node parent, List<String> styles, List<Node> out) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof org.commonmark.node.Text t) {
                out.add(text(t.getLiteral(), styles));
            } else if (n instanceof Code c) {
                out.add(text(c.getLiteral(), with(styles, "md-code")));
            } else if (n instanceof Emphasis) {
                collect(n, with(styles, "md-em"), out);
            } else if (n instanceof StrongEmphasis) {
                collect(n, with(styles, "md-strong"), out);
            } else if (n instanceof Link l) {
                collect(n, with(styles, "md-link"), out);
                out.get(out.size() - 1).setAccessibleHelp(l.getDestination());
            } else if (n instanceof SoftLineBreak) {
                out.add(text(" ", styles));
            } else if (n instanceof HardLineBreak) {
                out.add(text("\n", styles));
            } else if (n instanceof Paragraph) {
                collect(n, styles, out);
            } else {
                out.add(text(literal(n), styles));
            }
        }
    }

    private static List<String> with(List<String> styles, String s) {
        List<String> l = new ArrayList<>(styles);
        l.add(s);
        return l;
    }

    private static Text text(String s, String style) {
        return text(s, List.of(style));
    }

    private static Text text(String s, List<String> styles) {
        Text t = new Text(s);
        t.getStyleClass().add("md-text");
        t.getStyleClass().addAll(styles);
        return t;
    }
}
