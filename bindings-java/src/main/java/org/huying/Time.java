package org.huying;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions between java.time values and what crosses to the native library. Internal. */
final class Time {
    /** China Standard Time, UTC+08:00 all year. */
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    /** The epoch second that stands for "no instant". */
    static final long NONE = Long.MIN_VALUE;

    private Time() {}

    static Instant of(OffsetDateTime t) {
        return java.util.Objects.requireNonNull(t, "instant").toInstant();
    }

    static long day(LocalDate d) {
        return java.util.Objects.requireNonNull(d, "date").toEpochDay();
    }

    static LocalDate date(long day) {
        return LocalDate.ofEpochDay(day);
    }

    /** An instant from the native library's RFC 3339 text, at +08:00. */
    static OffsetDateTime parse(String rfc) {
        return rfc == null ? null : OffsetDateTime.parse(rfc).withOffsetSameInstant(CHINA);
    }

    static OffsetDateTime china(Instant t) {
        return java.util.Objects.requireNonNull(t, "instant").atOffset(CHINA);
    }

    static LocalDate dateOf(Object v) {
        return v == null ? null : LocalDate.ofEpochDay(((Number) v).longValue());
    }

    static String lang(String lang) {
        if (lang == null) {
            return "zh";
        }
        String l = lang.trim().toLowerCase(java.util.Locale.ROOT);
        if (l.equals("zh") || l.equals("en") || l.equals("zh-cn") || l.equals("zh_cn")
                || l.equals("cn") || l.equals("en-us") || l.equals("en-gb")) {
            return l.startsWith("en") ? "en" : "zh";
        }
        throw new IllegalArgumentException("unknown language \"" + lang + "\": expected \"zh\" or \"en\"");
    }
}
