package org.huying;

import java.util.Map;

/**
 * What kind of day a date is: {@code working_day}, {@code weekend},
 * {@code holiday}, {@code working_day_in_lieu} or {@code local_rest_day},
 * with the festival behind it.
 */
public final class DayKind {
    private final String code;
    private final boolean working;
    private final String festivalZh;
    private final String festivalEn;
    private final String describeZh;
    private final String describeEn;

    DayKind(Map<String, Object> m) {
        this.code = (String) m.get("code");
        this.working = Boolean.TRUE.equals(m.get("working"));
        this.festivalZh = (String) m.get("festival_zh");
        this.festivalEn = (String) m.get("festival_en");
        this.describeZh = (String) m.get("describe_zh");
        this.describeEn = (String) m.get("describe_en");
    }

    /**
     * @return the stable code of the kind, e.g. {@code working_day_in_lieu}
     */
    public String code() {
        return code;
    }

    /**
     * @return whether work is done on such a day
     */
    public boolean isWorking() {
        return working;
    }

    /**
     * @return the festival's Chinese name (e.g. 国庆节), or null
     */
    public String festivalZh() {
        return festivalZh;
    }

    /**
     * @return the festival's English name (e.g. National Day), or null
     */
    public String festivalEn() {
        return festivalEn;
    }

    /**
     * A short description, e.g. {@code 国庆节 法定节假日} or {@code National Day — statutory holiday}.
     *
     * @param lang {@code "zh"} or {@code "en"}
     * @return the description
     */
    public String describe(String lang) {
        return Time.lang(lang).equals("en") ? describeEn : describeZh;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DayKind && ((DayKind) o).code.equals(code)
                && java.util.Objects.equals(((DayKind) o).festivalZh, festivalZh);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    @Override
    public String toString() {
        return festivalZh == null ? code : code + "(" + festivalZh + ")";
    }
}
