package dev.chat.bench.report;

import java.util.Locale;

/**
 * A minimal SVG writer for the report's charts. Self-contained output (generic font family, no
 * scripts, no external references) so the charts render the same on GitHub, in a browser and in
 * an image viewer; every piece of text goes through {@link XmlText}.
 */
final class Svg {

    /** White diagonal stripes, drawn over a bar's colour to mark the "before" run. */
    static final String HATCH_FILL = "url(#hatch)";

    private final StringBuilder out = new StringBuilder();

    Svg(int width, int height, String title) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n")
                .append("<title>").append(XmlText.escape(title)).append("</title>\n")
                .append("<defs><pattern id=\"hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"")
                .append(" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\"")
                .append(" stroke=\"#ffffff\" stroke-width=\"3\"/></pattern></defs>\n")
                .append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");
    }

    /** A filled rectangle with a hover tooltip (null for none). */
    Svg rect(double x, double y, double width, double height, String fill, String tooltip) {
        out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
                .append(n(Math.max(0, width))).append("\" height=\"").append(n(Math.max(0, height)))
                .append("\" fill=\"").append(XmlText.escape(fill)).append('"');
        if (tooltip == null) {
            out.append("/>\n");
        } else {
            out.append("><title>").append(XmlText.escape(tooltip)).append("</title></rect>\n");
        }
        return this;
    }

    /** A bar in the "before" style: the colour, lighter, with hatching over it. */
    Svg hatchedRect(double x, double y, double width, double height, String fill, String tooltip) {
        out.append("<g fill-opacity=\"0.55\">\n");
        rect(x, y, width, height, fill, null);
        out.append("</g>\n");
        return rect(x, y, width, height, HATCH_FILL, tooltip);
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, double width) {
        out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(XmlText.escape(stroke))
                .append("\" stroke-width=\"").append(n(width)).append("\"/>\n");
        return this;
    }

    /** Text; {@code anchor} is start, middle or end. */
    Svg text(double x, double y, String text, String anchor, int size, boolean bold) {
        return text(x, y, text, anchor, size, bold, 0);
    }

    /** Text rotated by {@code degrees} around its anchor point (negative: counter-clockwise). */
    Svg text(double x, double y, String text, String anchor, int size, boolean bold, double degrees) {
        out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"")
                .append(XmlText.escape(anchor)).append("\" font-size=\"").append(size).append('"')
                .append(" fill=\"#222222\"");
        if (bold) {
            out.append(" font-weight=\"bold\"");
        }
        if (degrees != 0) {
            out.append(" transform=\"rotate(").append(n(degrees)).append(' ').append(n(x)).append(' ')
                    .append(n(y)).append(")\"");
        }
        out.append('>').append(XmlText.escape(text)).append("</text>\n");
        return this;
    }

    String finish() {
        return out + "</svg>\n";
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
