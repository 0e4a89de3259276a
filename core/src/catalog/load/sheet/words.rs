//! What the words of a cell mean: the township (`各乡镇（街道）`), several
//! unit names, the parts of a duty phrase, workflow steps, a domain, a title
//! or an approval reference.

use super::aliases::{
    DOMAINS, NONE_WORD, STEP_MARKS, TERRITORIAL_PREFIXES, TERRITORIAL_WORDS, fold, strip_numbering,
    tidy_name,
};

/// What `各乡镇（街道）`, `属地乡镇`, `乡镇人民政府（街道办事处）` are: the
/// township where the matter arises.
pub(crate) fn is_territorial(text: &str) -> bool {
    let mut f = fold(text);
    let mut stripped = false;
    loop {
        let before = f.len();
        for p in TERRITORIAL_PREFIXES {
            if let Some(rest) = f.strip_prefix(p) {
                f = rest.to_string();
                stripped = true;
            }
        }
        if f.len() == before {
            break;
        }
    }
    if f.is_empty() {
        return stripped && fold(text).contains("属地");
    }
    let words: Vec<&str> = f
        .split(['(', ')', '、', ',', '/', '和', '及', ';'])
        .filter(|w| !w.is_empty())
        .collect();
    let extra = ["开发区", "园区", "管委会"];
    !words.is_empty()
        && words.iter().all(|w| TERRITORIAL_WORDS.contains(w))
        && words.iter().any(|w| !extra.contains(w))
}

/// The unit names of a cell: split at `、，,；;/` and line breaks outside
/// brackets; a trailing `等`, `等部门`, `等单位` dropped (the second value
/// says one was).
pub(crate) fn unit_names(text: &str) -> (Vec<String>, bool) {
    let mut names = Vec::new();
    let mut cur = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '（' | '【' | '[' => {
                depth += 1;
                cur.push(c);
            }
            ')' | '）' | '】' | ']' => {
                depth = depth.saturating_sub(1);
                cur.push(c);
            }
            '、' | '，' | ',' | '；' | ';' | '/' | '\n' if depth == 0 => {
                names.push(std::mem::take(&mut cur));
            }
            c => cur.push(c),
        }
    }
    names.push(cur);
    let mut etc = false;
    let names = names
        .into_iter()
        .map(|n| {
            let n = tidy_name(&n);
            for tail in ["等相关部门", "等相关单位", "等部门", "等单位", "等"] {
                if let Some(rest) = n.strip_suffix(tail) {
                    if rest.chars().count() >= 2 {
                        etc = true;
                        return rest.to_string();
                    }
                }
            }
            n
        })
        .filter(|n| !n.is_empty())
        .collect();
    (names, etc)
}

/// The parts of a duty phrase: cut at `、，；。,;` and at a line break that
/// follows one of those or starts a numbered item (another line break joins
/// the lines: it is only where the cell wrapped), numbering dropped.
pub(crate) fn phrase_parts(text: &str) -> Vec<String> {
    let mut joined = String::new();
    for (k, line) in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let ends_mark = joined
            .chars()
            .last()
            .is_some_and(|c| "、，；。,;：:".contains(c));
        if k > 0 && !ends_mark && strip_numbering(line).len() == line.len() {
            joined.push_str(line);
        } else {
            if k > 0 {
                joined.push('；');
            }
            joined.push_str(line);
        }
    }
    joined
        .split(['、', '，', '；', '。', ',', ';'])
        .map(|p| strip_numbering(p).trim().to_string())
        .filter(|p| !p.is_empty() && !p.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .collect()
}

/// The parts of a workflow cell: cut at the arrows of [`STEP_MARKS`] and at
/// line breaks, numbering dropped.
pub(crate) fn steps(text: &str) -> Vec<String> {
    let mut s = text.to_string();
    for m in STEP_MARKS {
        s = s.replace(m, "\n");
    }
    s.lines()
        .map(|l| strip_numbering(l).trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The text of a cell for one of several units (`无` stands for nothing).
pub(crate) fn entry(line: &str) -> &str {
    let l = line.trim();
    if l == NONE_WORD || l == "-" || l == "—" {
        ""
    } else {
        l
    }
}

/// The domain a 领域 cell names: (code, name, English name, whether it
/// was one of the usual domains under another name).
pub(crate) fn domain_of(text: &str) -> (String, String, String, bool) {
    let mut name = tidy_name(strip_numbering(text));
    for tail in ["领域事项", "领域", "类事项", "类", "方面"] {
        if let Some(rest) = name.strip_suffix(tail) {
            if rest.chars().count() >= 2 {
                name = rest.to_string();
                break;
            }
        }
    }
    let f = fold(&name);
    match DOMAINS
        .iter()
        .find(|d| fold(d.1) == f || d.3.iter().any(|a| fold(a) == f))
    {
        Some(d) => (d.0.to_string(), name.clone(), d.2.to_string(), d.1 != name),
        None => (name.clone(), name.clone(), name, false),
    }
}

/// The reference (文号) a title row gives, if it gives one, and whether the
/// row says so (`文号：…`) rather than only looking like one (`〔2025〕…号`).
pub(crate) fn reference_in(text: &str) -> Option<(String, bool)> {
    let t = text.trim();
    for p in ["文号：", "文号:", "批准文号：", "批准文号:"] {
        if let Some(rest) = t.strip_prefix(p) {
            return Some((rest.trim().to_string(), true));
        }
    }
    let has_year = t.contains('〔') || t.contains('［') || t.contains('[');
    (has_year && t.contains('号') && t.chars().count() <= 60).then(|| {
        let r = t
            .trim_start_matches(['（', '('])
            .trim_end_matches(['）', ')']);
        (r.to_string(), false)
    })
}

/// The title in a title row: without a leading `附件1`, `附件一：`.
pub(crate) fn title_in(text: &str) -> String {
    let t = tidy_name(text);
    let rest = t.strip_prefix("附件").map_or(t.as_str(), |r| {
        r.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
            .trim_start_matches(['：', ':', ' ', '　'])
    });
    rest.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn township_words() {
        for t in [
            "乡镇（街道）",
            "各乡镇（街道）",
            "各乡镇",
            "属地乡镇",
            "属地",
            "各乡镇（街道、开发区）",
            "乡镇人民政府（街道办事处）",
            "各镇街",
            " 各 乡镇\n（街道） ",
        ] {
            assert!(is_territorial(t), "{t}");
        }
        for t in [
            "夏津县南城镇",
            "开发区",
            "县自然资源局",
            "各部门",
            "",
            "相关部门",
        ] {
            assert!(!is_territorial(t), "{t}");
        }
    }

    #[test]
    fn unit_cells() {
        assert_eq!(
            unit_names("县公安局、县交通运输局等").0,
            ["县公安局", "县交通运输局"]
        );
        assert!(unit_names("县公安局、县交通运输局等").1);
        assert_eq!(
            unit_names("各乡镇（街道、开发区），县水利局（河长办）\n县应急管理局").0,
            [
                "各乡镇（街道、开发区）",
                "县水利局（河长办）",
                "县应急管理局"
            ]
        );
    }

    #[test]
    fn phrases() {
        assert_eq!(
            phrase_parts("1.日常巡查\n2.及时上报；协助\n执法。"),
            ["日常巡查", "及时上报", "协助执法"]
        );
        assert_eq!(phrase_parts("（一）巡查，（二）报告"), ["巡查", "报告"]);
    }

    #[test]
    fn domains_titles_and_references() {
        assert_eq!(domain_of("一、自然资源领域").0, "natural_resources");
        assert_eq!(domain_of("国土资源").1, "国土资源");
        assert!(domain_of("国土资源").3);
        assert_eq!(domain_of("营商环境").0, "营商环境");
        assert_eq!(
            title_in("附件1 ××县属地管理事项清单"),
            "××县属地管理事项清单"
        );
        assert_eq!(title_in("附件一：县清单"), "县清单");
        assert_eq!(
            reference_in("文号：县编办发〔2025〕12号"),
            Some(("县编办发〔2025〕12号".to_string(), true))
        );
        assert_eq!(
            reference_in("（县编办发〔2025〕12号）"),
            Some(("县编办发〔2025〕12号".to_string(), false))
        );
        assert_eq!(reference_in("某县属地管理事项清单"), None);
    }
}
