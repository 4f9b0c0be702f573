package dev.chat.bench.load;

/**
 * The text of a benchmark message: it carries everything a receiver needs to account for it
 * (which run, which sender, which number in that sender's sequence, when it was due), so no
 * receiver has to ask anybody else.
 *
 * <pre>~b &lt;run&gt; &lt;sender&gt; &lt;seq&gt; &lt;due epoch µs&gt; xxxx…</pre>
 * padded with {@code x} to the requested size; plain ASCII, so the server never escapes it.
 */
public final class BenchText {

    private static final String MARK = "~b ";

    /** A parsed benchmark text; {@code null} from {@link #parse} for anybody else's. */
    public record Stamp(int sender, long seq, long dueMicros) {
    }

    private BenchText() {
    }

    public static String of(String runId, int sender, long seq, long dueMicros, int size) {
        StringBuilder sb = new StringBuilder(Math.max(size, 48)).append(MARK).append(runId).append(' ').append(sender)
                .append(' ').append(seq).append(' ').append(dueMicros).append(' ');
        while (sb.length() < size) {
            sb.append('x');
        }
        return sb.toString();
    }

    /** The stamp of a text of this run, or null (another run's, a person's, malformed). */
    public static Stamp parse(String text, String runId) {
        if (text == null || !text.startsWith(MARK) || !text.startsWith(runId, MARK.length())) {
            return null;
        }
        int at = MARK.length() + runId.length();
        if (text.length() <= at || text.charAt(at) != ' ') {
            return null;
        }
        try {
            int a = at + 1;
            int b = text.indexOf(' ', a);
            int c = text.indexOf(' ', b + 1);
            int d = text.indexOf(' ', c + 1);
            if (b < 0 || c < 0 || d < 0) {
                return null;
            }
            return new Stamp(Integer.parseInt(text, a, b, 10), Long.parseLong(text, b + 1, c, 10),
                    Long.parseLong(text, c + 1, d, 10));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
