package dev.chat.bench.report;

import java.nio.file.Path;

/**
 * The link from a markdown file to another file, relative to the markdown file's folder, so the
 * document works when browsed on GitHub and in a checkout alike. Always "/" separated and
 * percent-encoded where a markdown link target would otherwise break.
 */
final class RelativeLink {

    private RelativeLink() {
    }

    static String from(Path markdownFolder, Path target) {
        Path from = markdownFolder.toAbsolutePath().normalize();
        Path to = target.toAbsolutePath().normalize();
        Path relative;
        try {
            relative = from.relativize(to);
        } catch (IllegalArgumentException otherRoot) {
            // e.g. another drive on Windows: no relative path exists
            return to.toUri().toString();
        }
        StringBuilder out = new StringBuilder();
        for (Path segment : relative) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(encode(segment.toString()));
        }
        return out.length() == 0 ? "." : out.toString();
    }

    /** A folder as the reader should type it: relative to the working directory when inside it. */
    static String display(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        Path workingDir = Path.of("").toAbsolutePath().normalize();
        Path shown = absolute.startsWith(workingDir) && !absolute.equals(workingDir)
                ? workingDir.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }

    private static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        for (char c : segment.toCharArray()) {
            switch (c) {
                case ' ' -> out.append("%20");
                case '(' -> out.append("%28");
                case ')' -> out.append("%29");
                case '<' -> out.append("%3C");
                case '>' -> out.append("%3E");
                case '#' -> out.append("%23");
                case '?' -> out.append("%3F");
                case '%' -> out.append("%25");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
