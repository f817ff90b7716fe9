//! A shop's look from its configuration: brand colour, logo, light or dark.

use std::fmt;

use crate::catalog::is_safe_link;

/// What is wrong with one of the look's settings; the theme falls back to the default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeProblem {
    /// `data-brand-color` (or `?brand=`) is not a hex colour.
    BrandColor(String),
    /// `data-logo` is neither an https link nor a relative path.
    Logo(String),
    /// `data-theme` (or `?theme=`) is not light, dark or auto.
    Mode(String),
}

impl fmt::Display for ThemeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ThemeProblem::BrandColor(text) => {
                write!(
                    f,
                    "data-brand-color: \"{text}\" is not a colour like #075e54"
                )
            }
            ThemeProblem::Logo(link) => write!(
                f,
                "data-logo: \"{link}\" must be an https:// link or a relative path"
            ),
            ThemeProblem::Mode(mode) => {
                write!(f, "data-theme: \"{mode}\" should be light, dark or auto")
            }
        }
    }
}

impl std::error::Error for ThemeProblem {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeMode {
    /// Follow the device (prefers-color-scheme).
    #[default]
    Auto,
    Light,
    Dark,
}

impl ThemeMode {
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeMode::Auto => "auto",
            ThemeMode::Light => "light",
            ThemeMode::Dark => "dark",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Theme {
    /// `#rrggbb`; the widget's own green when absent.
    pub brand: Option<String>,
    /// https or relative URL of a square logo.
    pub logo: Option<String>,
    pub mode: ThemeMode,
}

/// `#rgb` or `#rrggbb` (any case) as `#rrggbb`.
pub fn parse_hex_color(text: &str) -> Option<String> {
    let hex = text.trim().strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => Some(format!("#{}", hex.to_ascii_lowercase())),
        3 => Some(format!(
            "#{}",
            hex.chars()
                .flat_map(|c| [c, c])
                .collect::<String>()
                .to_ascii_lowercase()
        )),
        _ => None,
    }
}

/// WCAG relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let value = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
        if value <= 0.039_28 {
            value / 12.92
        } else {
            to_the_power_2_4((value + 0.055) / 1.055)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/// `base`^2.4 for `base` from 0.08 to 1, as base² × (base²)^(1/5) with the fifth root by
/// Newton's method: `powf` was 880 bytes of every first download, for this one use.
fn to_the_power_2_4(base: f64) -> f64 {
    let squared = base * base;
    let mut root = 1.0;
    for _ in 0..12 {
        root = (4.0 * root + squared / (root * root * root * root)) / 5.0;
    }
    squared * root
}

/// White or near-black, whichever has the higher WCAG contrast on `brand` (`#rrggbb`).
pub fn readable_text_on(brand: &str) -> &'static str {
    let background = luminance(brand);
    let contrast = |text: f64| (background.max(text) + 0.05) / (background.min(text) + 0.05);
    if contrast(1.0) >= contrast(luminance("#111b21")) {
        "#ffffff"
    } else {
        "#111b21"
    }
}

impl Theme {
    /// Text colour that reads on the brand colour, when there is one.
    pub fn brand_contrast(&self) -> Option<&'static str> {
        self.brand.as_deref().map(readable_text_on)
    }

    /// From the `data-brand-color`, `data-logo` and `data-theme` values; returns the
    /// problems with them alongside a usable theme.
    pub fn from_settings(
        brand: Option<&str>,
        logo: Option<&str>,
        mode: Option<&str>,
    ) -> (Theme, Vec<ThemeProblem>) {
        let mut problems = Vec::new();
        let brand = brand.and_then(|text| {
            let color = parse_hex_color(text);
            if color.is_none() {
                problems.push(ThemeProblem::BrandColor(text.to_owned()));
            }
            color
        });
        let logo = logo
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .and_then(|link| {
                if is_safe_link(link) {
                    Some(link.to_owned())
                } else {
                    problems.push(ThemeProblem::Logo(link.to_owned()));
                    None
                }
            });
        let mode = match mode.map(|m| m.trim().to_ascii_lowercase()).as_deref() {
            None | Some("") | Some("auto") => ThemeMode::Auto,
            Some("light") => ThemeMode::Light,
            Some("dark") => ThemeMode::Dark,
            Some(other) => {
                problems.push(ThemeProblem::Mode(other.to_owned()));
                ThemeMode::Auto
            }
        };
        let theme = Theme { brand, logo, mode };
        (theme, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_in_short_and_long_form() {
        assert_eq!(parse_hex_color("#075E54").as_deref(), Some("#075e54"));
        assert_eq!(parse_hex_color(" #f80 ").as_deref(), Some("#ff8800"));
        for bad in [
            "075e54",
            "#12345",
            "#ggg",
            "red",
            "rgb(0,0,0)",
            "#075e54;x:y",
        ] {
            assert_eq!(parse_hex_color(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_power_matches_powf_for_every_channel_value() {
        for byte in 11..=255u8 {
            let base = (f64::from(byte) / 255.0 + 0.055) / 1.055;
            let (ours, std) = (to_the_power_2_4(base), base.powf(2.4));
            assert!((ours - std).abs() < 1e-14, "{byte}: {ours} against {std}");
        }
    }

    #[test]
    fn text_on_the_brand_colour_stays_readable() {
        assert_eq!(readable_text_on("#075e54"), "#ffffff");
        assert_eq!(readable_text_on("#000000"), "#ffffff");
        assert_eq!(
            readable_text_on("#ffd600"),
            "#111b21",
            "dark text on yellow"
        );
        assert_eq!(readable_text_on("#ffffff"), "#111b21");
    }

    #[test]
    fn settings_with_problems_fall_back() {
        let (theme, problems) =
            Theme::from_settings(Some("#c2185b"), Some("logo.png"), Some("Dark"));
        assert!(problems.is_empty());
        assert_eq!(theme.brand_contrast(), Some("#ffffff"));
        assert_eq!(theme.mode, ThemeMode::Dark);
        let (theme, problems) =
            Theme::from_settings(Some("pink"), Some("javascript:alert(1)"), Some("neon"));
        assert_eq!(theme, Theme::default());
        assert_eq!(problems.len(), 3);
        assert_eq!(
            problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "data-brand-color: \"pink\" is not a colour like #075e54",
                "data-logo: \"javascript:alert(1)\" must be an https:// link or a relative path",
                "data-theme: \"neon\" should be light, dark or auto",
            ]
        );
    }
}
