use serde::{Deserialize, Serialize};

/// The language of a rendered explanation or report.
///
/// ```
/// use huying::Lang;
/// assert_eq!("zh".parse::<Lang>(), Ok(Lang::Zh));
/// assert_eq!(Lang::En.code(), "en");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese (简体中文).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code: `"zh"` or `"en"`.
    ///
    /// ```
    /// assert_eq!(huying::Lang::Zh.code(), "zh");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Picks the text for this language from a (Chinese, English) pair.
    ///
    /// ```
    /// assert_eq!(huying::Lang::En.pick("元旦", "New Year's Day"), "New Year's Day");
    /// ```
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh_cn" | "cn" | "chinese" | "中文" => Ok(Lang::Zh),
            "en" | "en-us" | "en-gb" | "english" => Ok(Lang::En),
            other => Err(format!(
                "unknown language {other:?}: expected \"zh\" or \"en\""
            )),
        }
    }
}
