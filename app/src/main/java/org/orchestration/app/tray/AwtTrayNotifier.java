package org.orchestration.app.tray;

import java.awt.AWTException;
import java.awt.Color;
import java.awt.EventQueue;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.RenderingHints;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system-tray icon through {@code java.awt.SystemTray}: the app icon with a badge showing the
 * number of running tasks, a menu (Open, Pause all, Resume all, Quit) and desktop notifications.
 * Created only where {@link SystemTray#isSupported()}; every AWT call runs on the AWT event thread.
 */
public final class AwtTrayNotifier implements TrayNotifier {

    private static final Logger log = LoggerFactory.getLogger(AwtTrayNotifier.class);
    static final String ICON_RESOURCE = "/org/orchestration/resources/icons/app-64.png";

    private final SystemTray tray;
    private final TrayIcon icon;
    private final Image baseImage;
    private volatile int shownCount = -1;

    private AwtTrayNotifier(SystemTray tray, TrayIcon icon, Image baseImage) {
        this.tray = tray;
        this.icon = icon;
        this.baseImage = baseImage;
    }

    /** The tray icon, or empty when this desktop has no tray (or no display at all). */
    public static Optional<TrayNotifier> create(TrayActions actions) {
        if (GraphicsEnvironment.isHeadless()) {
            return Optional.empty();
        }
        try {
            if (!SystemTray.isSupported()) {
                return Optional.empty();
            }
            Image base = loadIcon();
            PopupMenu menu = new PopupMenu();
            menu.add(item("Open", actions::open));
            menu.addSeparator();
            menu.add(item("Pause all", actions::pauseAll));
            menu.add(item("Resume all", actions::resumeAll));
            menu.addSeparator();
            menu.add(item("Quit", actions::quit));
            TrayIcon icon = new TrayIcon(base, "Orchestration Engine", menu);
            icon.setImageAutoSize(true);
            icon.addActionListener(e -> actions.open()); // double click
            SystemTray tray = SystemTray.getSystemTray();
            tray.add(icon);
            return Optional.of(new AwtTrayNotifier(tray, icon, base));
        } catch (AWTException | UnsupportedOperationException | SecurityException | IOException e) {
            log.info("No system tray icon ({}); notifications stay in the window", e.getMessage());
            return Optional.empty();
        }
    }

    private static MenuItem item(String label, Runnable action) {
        MenuItem item = new MenuItem(label);
        item.addActionListener(e -> action.run());
        return item;
    }

    private static Image loadIcon() throws IOException {
        try (InputStream in = AwtTrayNotifier.class.getResourceAsStream(ICON_RESOURCE)) {
            if (in == null) {
                throw new IOException("icon " + ICON_RESOURCE + " is missing");
            }
            return ImageIO.read(in);
        }
    }

    @Override
    public void notify(Notification n) {
        TrayIcon.MessageType type = switch (n.kind()) {
            case TASK_FAILED, BUDGET_EXHAUSTED -> TrayIcon.MessageType.ERROR;
            case BUDGET_WARNING -> TrayIcon.MessageType.WARNING;
            case PROJECT_COMPLETED, PLAN_READY -> TrayIcon.MessageType.INFO;
        };
        EventQueue.invokeLater(() -> icon.displayMessage(n.title(), n.message(), type));
    }

    @Override
    public void setRunningTasks(int count) {
        if (count == shownCount) {
            return;
        }
        shownCount = count;
        EventQueue.invokeLater(() -> {
            icon.setImage(withBadge(baseImage, count));
            icon.setToolTip(count == 0 ? "Orchestration Engine: idle"
                    : "Orchestration Engine: " + count + (count == 1 ? " task running" : " tasks running"));
        });
    }

    /** The icon with the count drawn in a corner (no badge at 0). */
    static Image withBadge(Image base, int count) {
        int w = Math.max(16, base.getWidth(null));
        int h = Math.max(16, base.getHeight(null));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.drawImage(base, 0, 0, w, h, null);
            if (count > 0) {
                String text = count > 99 ? "99+" : Integer.toString(count);
                int d = h / 2;
                g.setColor(new Color(0xD32F2F));
                g.fillOval(w - d, h - d, d, d);
                g.setColor(Color.WHITE);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, d * 2 / 3)));
                var fm = g.getFontMetrics();
                g.drawString(text, w - d + (d - fm.stringWidth(text)) / 2, h - d + (d + fm.getAscent() - fm.getDescent()) / 2);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    @Override
    public boolean hasTrayIcon() {
        return true;
    }

    @Override
    public void close() {
        try {
            EventQueue.invokeAndWait(() -> tray.remove(icon));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvocationTargetException e) {
            log.debug("Removing the tray icon failed: {}", e.getCause().toString());
        }
    }
}
