package org.gorlj.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Lines of text drawn in the top-left corner of a frame, white on a translucent dark band. */
final class Caption {
    private static final Color BAND = new Color(0, 0, 0, 150);
    private static final int MARGIN = 6;

    private Caption() {}

    /** Draws {@code lines} on {@code frame}, with a font sized to the frame's height. */
    static void draw(BufferedImage frame, List<String> lines) {
        Graphics2D g = frame.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, Math.max(10, frame.getHeight() / 30)));
            FontMetrics fm = g.getFontMetrics();
            int widest = 0;
            for (String line : lines) {
                widest = Math.max(widest, fm.stringWidth(line));
            }
            g.setColor(BAND);
            g.fillRect(0, 0, widest + 2 * MARGIN, lines.size() * fm.getHeight() + 2 * MARGIN);
            g.setColor(Color.WHITE);
            int y = MARGIN + fm.getAscent();
            for (String line : lines) {
                g.drawString(line, MARGIN, y);
                y += fm.getHeight();
            }
        } finally {
            g.dispose();
        }
    }
}
