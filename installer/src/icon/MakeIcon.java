import java.awt.*;
import java.awt.geom.*;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/** Draws the app icon: three connected nodes (a small task graph) on a rounded blue square. */
public class MakeIcon {
    public static void main(String[] a) throws Exception {
        for (int size : new int[] {16, 32, 64, 128, 256}) {
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            double s = size / 256.0;
            g.scale(s, s);
            g.setPaint(new GradientPaint(0, 0, new Color(0x2F6FEB), 256, 256, new Color(0x1B3A8A)));
            g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));
            g.setColor(new Color(255, 255, 255, 220));
            g.setStroke(new BasicStroke(14, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(72, 80, 184, 128));
            g.draw(new Line2D.Double(72, 80, 96, 184));
            g.draw(new Line2D.Double(96, 184, 184, 128));
            g.setColor(Color.WHITE);
            for (double[] p : new double[][] {{72, 80}, {184, 128}, {96, 184}}) {
                g.fill(new Ellipse2D.Double(p[0] - 26, p[1] - 26, 52, 52));
            }
            g.setColor(new Color(0xF5A623));
            g.fill(new Ellipse2D.Double(184 - 14, 128 - 14, 28, 28));
            g.dispose();
            ImageIO.write(img, "png", new File(a[0] + "/app-" + size + ".png"));
        }
    }
}
