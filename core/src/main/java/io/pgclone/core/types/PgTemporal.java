package io.pgclone.core.types;

import java.time.LocalDate;

/**
 * PostgreSQL's ISO text forms of date, timestamp, timestamptz and time, to and from epoch days and
 * microseconds. Hand-written because java.time's parsers reject what PostgreSQL prints for years beyond 9999,
 * BC dates ({@code 0044-03-15 BC}), {@code 24:00:00} and {@code ±infinity}.
 */
public final class PgTemporal {
    public static final long MICROS_PER_DAY = 86_400_000_000L;

    private PgTemporal() {
    }

    /** Days since 1970-01-01 (proleptic Gregorian, like PostgreSQL) of {@code [-]YYYY-MM-DD[ BC]}. */
    public static int parseDate(String s) {
        if (s.equals("infinity")) {
            return Semantic.DATE_POS_INFINITY;
        }
        if (s.equals("-infinity")) {
            return Semantic.DATE_NEG_INFINITY;
        }
        Cursor c = new Cursor(s);
        long days = c.date();
        return Math.toIntExact(days);
    }

    /**
     * Microseconds since 1970-01-01 00:00 of a timestamp text, UTC offset applied when present. ±infinity give
     * Long.MAX/MIN; values beyond the long range throw {@link ArithmeticException}.
     */
    public static long parseTimestamp(String s) {
        if (s.equals("infinity")) {
            return Long.MAX_VALUE;
        }
        if (s.equals("-infinity")) {
            return Long.MIN_VALUE;
        }
        Cursor c = new Cursor(s);
        long days = c.date0();
        c.expect(' ');
        long micros = c.timeOfDay();
        long offsetSeconds = c.offsetIfAny();
        boolean bc = c.bcIfAny();
        if (bc) {
            days = c.applyBc(days);
        }
        long t = Math.addExact(Math.multiplyExact(days, MICROS_PER_DAY), micros);
        return Math.subtractExact(t, offsetSeconds * 1_000_000L);
    }

    /** Microseconds since midnight of {@code HH:MM:SS[.ffffff]} ({@code 24:00:00} allowed). */
    public static long parseTime(String s) {
        return new Cursor(s).timeOfDay();
    }

    public static String formatDate(int days) {
        if (days == Semantic.DATE_POS_INFINITY) {
            return "infinity";
        }
        if (days == Semantic.DATE_NEG_INFINITY) {
            return "-infinity";
        }
        StringBuilder b = new StringBuilder(16);
        appendDate(b, days);
        return b.toString();
    }

    /** ISO text of a timestamp; with {@code zoned} an explicit {@code +00} offset is added. */
    public static String formatTimestamp(long micros, boolean zoned) {
        if (micros == Long.MAX_VALUE) {
            return "infinity";
        }
        if (micros == Long.MIN_VALUE) {
            return "-infinity";
        }
        long days = Math.floorDiv(micros, MICROS_PER_DAY);
        long tod = Math.floorMod(micros, MICROS_PER_DAY);
        StringBuilder b = new StringBuilder(40);
        LocalDate d = LocalDate.ofEpochDay(days);
        boolean bc = d.getYear() <= 0;
        appendYmd(b, d);
        b.append(' ');
        appendTime(b, tod);
        if (zoned) {
            b.append("+00");
        }
        if (bc) {
            b.append(" BC");
        }
        return b.toString();
    }

    public static String formatTime(long micros) {
        StringBuilder b = new StringBuilder(16);
        appendTime(b, micros);
        return b.toString();
    }

    private static void appendDate(StringBuilder b, long days) {
        LocalDate d = LocalDate.ofEpochDay(days);
        appendYmd(b, d);
        if (d.getYear() <= 0) {
            b.append(" BC");
        }
    }

    private static void appendYmd(StringBuilder b, LocalDate d) {
        int y = d.getYear();
        int year = y <= 0 ? 1 - y : y;
        pad(b, year, 4);
        b.append('-');
        pad(b, d.getMonthValue(), 2);
        b.append('-');
        pad(b, d.getDayOfMonth(), 2);
    }

    private static void appendTime(StringBuilder b, long micros) {
        long secs = micros / 1_000_000L;
        long frac = micros % 1_000_000L;
        pad(b, (int) (secs / 3600), 2);
        b.append(':');
        pad(b, (int) (secs / 60 % 60), 2);
        b.append(':');
        pad(b, (int) (secs % 60), 2);
        if (frac != 0) {
            b.append('.');
            String f = Long.toString(frac);
            for (int i = f.length(); i < 6; i++) {
                b.append('0');
            }
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            b.append(f, 0, end);
        }
    }

    private static void pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        b.append(s);
    }

    /** A tiny scanner over one temporal text. */
    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        long date() {
            long days = date0();
            if (bcIfAny()) {
                days = applyBc(days);
            }
            if (i != s.length()) {
                throw bad();
            }
            return days;
        }

        private int yearRead;
        private int monthRead;
        private int dayRead;

        long date0() {
            yearRead = number(1, 9);
            expect('-');
            monthRead = number(2, 2);
            expect('-');
            dayRead = number(2, 2);
            return LocalDate.of(yearRead, monthRead, dayRead).toEpochDay();
        }

        long applyBc(long ignored) {
            return LocalDate.of(1 - yearRead, monthRead, dayRead).toEpochDay();
        }

        long timeOfDay() {
            long h = number(2, 2);
            expect(':');
            long m = number(2, 2);
            expect(':');
            long sec = number(2, 2);
            long frac = 0;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int digits = 0;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    if (digits < 6) {
                        frac = frac * 10 + (s.charAt(i) - '0');
                    }
                    digits++;
                    i++;
                }
                for (int k = digits; k < 6; k++) {
                    frac *= 10;
                }
            }
            return ((h * 60 + m) * 60 + sec) * 1_000_000L + frac;
        }

        long offsetIfAny() {
            if (i >= s.length() || (s.charAt(i) != '+' && s.charAt(i) != '-')) {
                return 0;
            }
            int sign = s.charAt(i++) == '-' ? -1 : 1;
            long h = number(2, 2);
            long m = 0;
            long sec = 0;
            if (i < s.length() && s.charAt(i) == ':') {
                i++;
                m = number(2, 2);
                if (i < s.length() && s.charAt(i) == ':') {
                    i++;
                    sec = number(2, 2);
                }
            }
            return sign * (h * 3600 + m * 60 + sec);
        }

        boolean bcIfAny() {
            if (s.startsWith(" BC", i)) {
                i += 3;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw bad();
            }
            i++;
        }

        int number(int minDigits, int maxDigits) {
            int start = i;
            int v = 0;
            while (i < s.length() && i - start < maxDigits && Character.isDigit(s.charAt(i))) {
                v = v * 10 + (s.charAt(i++) - '0');
            }
            if (i - start < minDigits) {
                throw bad();
            }
            return v;
        }

        IllegalArgumentException bad() {
            return new IllegalArgumentException("unexpected date/time text '" + s + "' at position " + i);
        }
    }
}
