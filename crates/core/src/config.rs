//! Store configuration: data attributes on the mount element, overridden by the page's query.

use std::fmt;

use percent_encoding::percent_decode_str;

use crate::checkout::{indian_addresses, CheckoutRules, Fulfilment, Payment};
use crate::handoff::{UpiId, UpiIdError, WhatsAppNumber, WhatsAppNumberError};
use crate::limits::{DEFAULT_MAX_QUANTITY, MAX_QUANTITY_SETTING, SLOT_MAX};
use crate::money::{Currency, MoneyError, Rounding};
use crate::product::is_safe_link;
use crate::settings::{self, Basics};
use crate::terms::Terms;
use crate::text::whole_number;
use crate::theme::{Theme, ThemeProblem};

pub const DEFAULT_CATALOG_URL: &str = "demo-catalog.json";
pub const DEFAULT_LOCALE: &str = "en-IN";
pub const DEFAULT_CURRENCY: &str = "INR";

/// Something wrong with the page's settings, for the merchant; the configuration uses a
/// default instead. `Display` words it ("data-upi: …; UPI payment is not offered").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    /// `data-currency` is not a usable currency; `DEFAULT_CURRENCY` is used.
    Currency(MoneyError),
    /// `data-rounding` is not a rounding rule; the default rule is used.
    Rounding(MoneyError),
    /// `?locale=` or `data-locale` is not a language tag; `DEFAULT_LOCALE` is used.
    Locale(String),
    /// `data-max-quantity` is not a whole number in `limits::MAX_QUANTITY_SETTING`.
    MaxQuantity(String),
    Theme(ThemeProblem),
    /// `data-endpoint` is not an address orders may be sent to; WhatsApp only.
    Endpoint(String),
    /// `data-upi` is not a UPI id; UPI is not offered.
    Upi(UpiIdError),
    /// A yes/no setting (`data-{name}`) is neither; `taken` is the value used.
    NotYesOrNo {
        name: String,
        value: String,
        taken: bool,
    },
    /// Both `data-delivery` and `data-pickup` are "no"; both are offered.
    NoWayToReceive,
    /// The settings file at `url` could not be had or read (`problem`); orders wait for it.
    Settings {
        url: String,
        problem: String,
    },
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigProblem::Currency(e) => write!(f, "data-currency: {e}; using {DEFAULT_CURRENCY}"),
            ConfigProblem::Rounding(e) => {
                write!(f, "data-rounding: {e}; using {}", Rounding::default())
            }
            ConfigProblem::Locale(tag) => write!(
                f,
                "locale: \"{tag}\" is not a language tag like en-IN; using {DEFAULT_LOCALE}"
            ),
            ConfigProblem::MaxQuantity(text) => write!(
                f,
                "data-max-quantity: \"{text}\" is not a whole number from {} to {}; using {DEFAULT_MAX_QUANTITY}",
                MAX_QUANTITY_SETTING.start(),
                MAX_QUANTITY_SETTING.end()
            ),
            ConfigProblem::Theme(problem) => problem.fmt(f),
            ConfigProblem::Endpoint(url) => write!(
                f,
                "data-endpoint: \"{url}\" must be an https address or a path on this site; orders go through WhatsApp only"
            ),
            ConfigProblem::Upi(e) => write!(f, "data-upi: {e}; UPI payment is not offered"),
            ConfigProblem::NotYesOrNo { name, value, taken } => {
                let taken = if *taken { "yes" } else { "no" };
                write!(f, "data-{name}: \"{value}\" is not yes or no; taken as {taken}")
            }
            ConfigProblem::NoWayToReceive => f.write_str(
                "data-delivery and data-pickup are both \"no\": a shopper could not receive the order; both are offered",
            ),
            ConfigProblem::Settings { url, problem } => write!(
                f,
                "data-settings \"{url}\": {problem}; orders cannot be placed until the file is fixed (chatcart check shows what is wrong)"
            ),
        }
    }
}

impl std::error::Error for ConfigProblem {}

/// A problem is the sentence it is worded as.
impl PartialEq<&str> for ConfigProblem {
    fn eq(&self, other: &&str) -> bool {
        let worded = self.to_string();
        worded == *other
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreConfig {
    /// Name set by the page; the catalog's own name is used when this is absent.
    pub store_name: Option<String>,
    pub whatsapp: Result<WhatsAppNumber, WhatsAppNumberError>,
    pub currency: Currency,
    /// How line totals and unit prices are brought to the currency's minor units.
    pub rounding: Rounding,
    /// BCP 47 language tag for numbers and money, e.g. "en-IN".
    pub locale: String,
    pub catalog_url: String,
    /// Most units of one item a cart line may hold.
    pub max_quantity: u32,
    pub theme: Theme,
    /// Where orders are POSTed as JSON; `None` hands them off through WhatsApp only.
    pub endpoint: Option<String>,
    /// The merchant's UPI id, offering "Pay with UPI".
    pub upi: Option<UpiId>,
    /// Delivery, pickup from the shop, or both (`data-delivery="no"`, `data-pickup="no"`).
    pub fulfilments: Vec<Fulfilment>,
    /// Delivery slots the shopper may pick from ("8–11 am"); none means no slot is asked.
    pub slots: Vec<String>,
    /// A floating "Chat to order" button opens the shop, instead of the shop sitting in the page.
    pub launcher: bool,
    /// Delivery charges, minimum orders and offers from the settings file; none without
    /// one. `Err` while they are unknown: the totals are unknown.
    pub terms: Result<Terms, TermsUnknown>,
}

/// Why the settings file's terms are not known, so what an order costs is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermsUnknown {
    /// The file could not be had or read: orders wait for it to be fixed.
    Unreadable,
    /// The file, its basics read and its terms not yet (`StoreConfig::read_terms`): the
    /// widget reads them only once a shopper starts an order, in its checkout's code, so a
    /// first visit downloads no reader for them.
    Unread { url: String, text: String },
}

/// The settings file named by `data-settings`, as the page could fetch it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsFile {
    /// No `data-settings`: the data attributes say everything.
    None,
    Fetched {
        url: String,
        text: String,
    },
    /// It could not be fetched: `why`.
    Unavailable {
        url: String,
        why: String,
    },
}

impl StoreConfig {
    /// Reads the settings file's terms, once: a problem with them, for the merchant, leaves
    /// them unknown, so orders wait for the file to be fixed.
    pub fn read_terms(&mut self) -> Option<ConfigProblem> {
        let unread = std::mem::replace(&mut self.terms, Err(TermsUnknown::Unreadable));
        let Err(TermsUnknown::Unread { url, text }) = unread else {
            self.terms = unread;
            return None;
        };
        let problem = match settings::read_terms(&text, self.currency) {
            Ok(terms) => {
                self.terms = Ok(terms);
                return None;
            }
            Err(e) => e.to_string(),
        };
        Some(ConfigProblem::Settings { url, problem })
    }

    /// Whether the settings file's terms are still to be read (`read_terms`).
    pub fn terms_unread(&self) -> bool {
        matches!(self.terms, Err(TermsUnknown::Unread { .. }))
    }

    /// What checkout offers and requires in this shop.
    pub fn checkout_rules(&self) -> CheckoutRules {
        let mut payments = vec![Payment::CashOnDelivery];
        if self.upi.is_some() {
            payments.push(Payment::Upi);
        }
        payments.push(Payment::InChat);
        CheckoutRules {
            fulfilments: self.fulfilments.clone(),
            india: indian_addresses(self.currency),
            postal_code_required: self.terms.as_ref().is_ok_and(Terms::needs_postal_code),
            slots: self.slots.clone(),
            payments,
        }
    }
}

/// An endpoint the page may POST orders to: https, or http on this machine (for trying
/// the receiver out), or a path on the page's own site.
fn is_endpoint(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let local = ["http://localhost", "http://127.0.0.1", "http://[::1]"]
        .iter()
        .any(|host| {
            lower
                .strip_prefix(host)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '/']))
        });
    let relative = url.starts_with('/') && is_safe_link(url);
    (lower.starts_with("https://") && is_safe_link(url)) || local || relative
}

/// Splits `?a=1&b=x%20y` into decoded pairs ('+' is a space, as in forms).
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let spaced = s.replace('+', " ");
        percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
    };
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

impl StoreConfig {
    /// Builds the configuration from `attribute(name)` (the mount element's `data-*`
    /// values, by name without the prefix) and the page's query string. Returns what
    /// was wrong with it, for the merchant, alongside a usable configuration.
    ///
    /// A settings file wins over data attributes; the page's query wins over both where it
    /// may preview something (locale, theme, brand, catalog, WhatsApp number).
    pub fn resolve(
        attribute: &dyn Fn(&str) -> Option<String>,
        query: &str,
        file: SettingsFile,
    ) -> (Self, Vec<ConfigProblem>) {
        let query = parse_query(query);
        let from_query = |key: &str| {
            query
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let setting = |key: &str| {
            attribute(key)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let mut problems = Vec::new();

        let currency_code = setting("currency").unwrap_or_else(|| DEFAULT_CURRENCY.to_owned());
        let page_currency = Currency::from_code(&currency_code).unwrap_or_else(|e| {
            problems.push(ConfigProblem::Currency(e));
            // Not `expect`, which would carry the error's `Debug` into every first download.
            let Ok(default) = Currency::from_code(DEFAULT_CURRENCY) else {
                unreachable!("INR is an ISO 4217 currency")
            };
            default
        });
        // The terms are read apart (`read_terms`): unknown until then.
        let (read, terms): (Option<Basics>, _) = match file {
            SettingsFile::None => (None, Ok(Terms::default())),
            SettingsFile::Fetched { url, text } => match settings::read_basics(&text) {
                Ok(basics) => (Some(basics), Err(TermsUnknown::Unread { url, text })),
                Err(e) => {
                    problems.push(ConfigProblem::Settings {
                        url,
                        problem: e.to_string(),
                    });
                    (None, Err(TermsUnknown::Unreadable))
                }
            },
            SettingsFile::Unavailable { url, why } => {
                problems.push(ConfigProblem::Settings { url, problem: why });
                (None, Err(TermsUnknown::Unreadable))
            }
        };
        let read = read.as_ref();
        let currency = read.and_then(|s| s.currency).unwrap_or(page_currency);

        let rounding = match read.and_then(|s| s.rounding) {
            Some(rounding) => rounding,
            None => setting("rounding").map_or(Rounding::default(), |name| {
                Rounding::parse(&name).unwrap_or_else(|e| {
                    problems.push(ConfigProblem::Rounding(e));
                    Rounding::default()
                })
            }),
        };

        // A link in a chat may pick the language (?locale=hi-IN).
        let locale = match from_query("locale").or_else(|| setting("locale")) {
            Some(tag) if is_language_tag(&tag) => tag,
            Some(tag) => {
                problems.push(ConfigProblem::Locale(tag));
                DEFAULT_LOCALE.to_owned()
            }
            None => DEFAULT_LOCALE.to_owned(),
        };

        let max_quantity = match setting("max-quantity") {
            _ if read.is_some_and(|s| s.max_quantity.is_some()) => read
                .and_then(|s| s.max_quantity)
                .unwrap_or(DEFAULT_MAX_QUANTITY),
            None => DEFAULT_MAX_QUANTITY,
            Some(text) => match whole_number(&text).and_then(|n| u32::try_from(n).ok()) {
                Some(n) if MAX_QUANTITY_SETTING.contains(&n) => n,
                _ => {
                    problems.push(ConfigProblem::MaxQuantity(text));
                    DEFAULT_MAX_QUANTITY
                }
            },
        };

        // The look may be previewed from the query too (?theme=dark&brand=%23c2185b).
        let (theme, theme_problems) = Theme::from_settings(
            from_query("brand")
                .or_else(|| setting("brand-color"))
                .as_deref(),
            setting("logo").as_deref(),
            from_query("theme").or_else(|| setting("theme")).as_deref(),
        );
        problems.extend(theme_problems.into_iter().map(ConfigProblem::Theme));

        let whatsapp = match (
            from_query("whatsapp"),
            read.and_then(|s| s.whatsapp.clone()),
        ) {
            (None, Some(number)) => Ok(number),
            (query, _) => {
                WhatsAppNumber::parse(&query.or_else(|| setting("whatsapp")).unwrap_or_default())
            }
        };

        let endpoint = setting("endpoint").filter(|url| {
            let ok = is_endpoint(url);
            if !ok {
                problems.push(ConfigProblem::Endpoint(url.clone()));
            }
            ok
        });
        let upi = match read.and_then(|s| s.upi.clone()) {
            Some(upi) => Some(upi),
            None => setting("upi").and_then(|text| {
                UpiId::parse(&text)
                    .map_err(|e| problems.push(ConfigProblem::Upi(e)))
                    .ok()
            }),
        };
        // A yes/no setting: a bare attribute, "yes", "true" or "on" is yes; "no", "false"
        // or "off" is no; absent or anything else is `absent`.
        let mut switch = |name: &str, absent: bool| {
            let value = attribute(name).map(|v| v.trim().to_ascii_lowercase());
            match value.as_deref() {
                None => absent,
                Some("" | "yes" | "true" | "on") => true,
                Some("no" | "false" | "off") => false,
                Some(other) => {
                    problems.push(ConfigProblem::NotYesOrNo {
                        name: name.to_owned(),
                        value: other.to_owned(),
                        taken: absent,
                    });
                    absent
                }
            }
        };
        // Both are offered unless the merchant says "no" to one.
        let mut fulfilments = Vec::new();
        if switch("delivery", true) {
            fulfilments.push(Fulfilment::Delivery);
        }
        if switch("pickup", true) {
            fulfilments.push(Fulfilment::Pickup);
        }
        let launcher = switch("launcher", false);
        if let Some(offered) = read.and_then(|s| s.fulfilments.clone()) {
            fulfilments = offered;
        } else if fulfilments.is_empty() {
            problems.push(ConfigProblem::NoWayToReceive);
            fulfilments = vec![Fulfilment::Delivery, Fulfilment::Pickup];
        }
        let slots = read
            .and_then(|s| s.slots.clone())
            .or_else(|| {
                setting("delivery-slots").map(|text| {
                    text.split('|')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|s| s.chars().take(SLOT_MAX).collect())
                        .collect()
                })
            })
            .unwrap_or_default();

        let config = StoreConfig {
            store_name: read
                .and_then(|s| s.name.clone())
                .or_else(|| setting("store-name")),
            whatsapp,
            currency,
            rounding,
            locale,
            catalog_url: from_query("catalog")
                .or_else(|| setting("catalog"))
                .unwrap_or_else(|| DEFAULT_CATALOG_URL.to_owned()),
            max_quantity,
            theme,
            endpoint,
            upi,
            fulfilments,
            slots,
            launcher,
            terms,
        };
        (config, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attributes(
        pairs: &'static [(&'static str, &'static str)],
    ) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn attributes_configure_the_store() {
        let attrs = attributes(&[
            ("store-name", "Sharma Kirana"),
            ("whatsapp", "+91 98765 43210"),
            ("currency", "inr"),
            ("locale", "hi-IN"),
            ("catalog", "/feeds/sharma.json"),
            ("max-quantity", "12"),
            ("rounding", "half-up"),
        ]);
        let (config, problems) = StoreConfig::resolve(&attrs, "", SettingsFile::None);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.store_name.as_deref(), Some("Sharma Kirana"));
        assert_eq!(config.whatsapp.unwrap().digits(), "919876543210");
        assert_eq!(config.currency.code(), "INR");
        assert_eq!(config.locale, "hi-IN");
        assert_eq!(config.catalog_url, "/feeds/sharma.json");
        assert_eq!(config.max_quantity, 12);
        assert_eq!(config.rounding, Rounding::HalfUp);
    }

    #[test]
    fn query_overrides_catalog_and_number() {
        let attrs = attributes(&[("whatsapp", "919876543210"), ("catalog", "a.json")]);
        let (config, _) = StoreConfig::resolve(
            &attrs,
            "?catalog=https%3A%2F%2Fcdn.example%2Fshop+feed.json&whatsapp=14155550123",
            SettingsFile::None,
        );
        assert_eq!(config.catalog_url, "https://cdn.example/shop feed.json");
        assert_eq!(config.whatsapp.unwrap().digits(), "14155550123");
        let (config, _) =
            StoreConfig::resolve(&attrs, "?theme=dark&brand=%23C2185B", SettingsFile::None);
        assert_eq!(config.theme.mode, crate::theme::ThemeMode::Dark);
        assert_eq!(config.theme.brand.as_deref(), Some("#c2185b"));
    }

    #[test]
    fn endpoint_upi_and_slots_configure_checkout() {
        let attrs = attributes(&[
            ("endpoint", "https://shop.example/orders"),
            ("upi", "sharmakirana@okaxis"),
            ("delivery-slots", "8–11 am | 5–8 pm |"),
        ]);
        let (config, problems) = StoreConfig::resolve(&attrs, "", SettingsFile::None);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            config.endpoint.as_deref(),
            Some("https://shop.example/orders")
        );
        let rules = config.checkout_rules();
        assert_eq!(rules.slots, ["8–11 am", "5–8 pm"]);
        assert_eq!(
            rules.payments,
            [Payment::CashOnDelivery, Payment::Upi, Payment::InChat]
        );
        assert!(rules.india);
        assert_eq!(
            rules.fulfilments,
            [Fulfilment::Delivery, Fulfilment::Pickup]
        );
        assert!(!config.launcher);
        let (config, _) =
            StoreConfig::resolve(&attributes(&[("launcher", "")]), "", SettingsFile::None);
        assert!(config.launcher, "a bare data-launcher");
        let (config, problems) =
            StoreConfig::resolve(&attributes(&[("launcher", "no")]), "", SettingsFile::None);
        assert!(!config.launcher);
        assert!(problems.is_empty(), "{problems:?}");

        for good in [
            "/api/orders",
            "http://localhost:8787/orders",
            "http://127.0.0.1/o",
        ] {
            assert!(is_endpoint(good), "{good}");
        }
        let attrs = attributes(&[
            ("endpoint", "http://shop.example/orders"),
            ("upi", "sharma"),
        ]);
        let (config, problems) = StoreConfig::resolve(&attrs, "", SettingsFile::None);
        assert!(!config.checkout_rules().payments.contains(&Payment::Upi));
        assert_eq!((config.endpoint, config.upi), (None, None));
        assert_eq!(problems.len(), 2, "{problems:?}");
        for bad in [
            "//evil.example/o",
            "/\\evil.example/o",
            "\\\\evil.example/o",
            "http://localhost.evil.example/",
            "javascript:alert(1)",
        ] {
            assert!(!is_endpoint(bad), "{bad}");
        }
    }

    #[test]
    fn a_settings_file_wins_over_attributes_and_the_query_over_both() {
        let attrs = attributes(&[
            ("store-name", "Page Name"),
            ("whatsapp", "919876543210"),
            ("rounding", "up"),
            ("pickup", "no"),
            ("delivery-slots", "any time"),
        ]);
        let file = |text: &str| SettingsFile::Fetched {
            url: "shop.json".into(),
            text: text.into(),
        };
        let (mut config, problems) = StoreConfig::resolve(
            &attrs,
            "",
            file(
                r#"{"schema": "chatcart-shop/1", "name": "File Name", "whatsapp": "14155550123",
                     "rounding": "half-up", "slots": ["5–8 pm"], "fulfilment": ["pickup"]}"#,
            ),
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert!(config.terms_unread(), "until they are read");
        assert_eq!(config.read_terms(), None);
        assert_eq!(config.store_name.as_deref(), Some("File Name"));
        assert_eq!(config.whatsapp.as_ref().unwrap().digits(), "14155550123");
        assert_eq!(config.rounding, Rounding::HalfUp);
        assert_eq!(config.fulfilments, [Fulfilment::Pickup]);
        assert_eq!(config.slots, ["5–8 pm"]);
        assert_eq!(config.terms, Ok(Terms::default()));
        let (config, _) = StoreConfig::resolve(
            &attrs,
            "?whatsapp=447700900123",
            file(r#"{"schema": "chatcart-shop/1", "whatsapp": "14155550123"}"#),
        );
        assert_eq!(config.whatsapp.unwrap().digits(), "447700900123");
        assert_eq!(
            config.rounding,
            Rounding::Up,
            "what the file leaves out, the page says"
        );

        let (mut config, problems) = StoreConfig::resolve(&attrs, "", file("{\"schema\": 1}"));
        assert_eq!(config.read_terms(), None, "nothing is left to read");
        assert_eq!(config.terms, Err(TermsUnknown::Unreadable));
        assert_eq!(
            problems,
            ["data-settings \"shop.json\": line 1, column 12: schema: expected a string (in double quotes), found the number 1; orders cannot be placed until the file is fixed (chatcart check shows what is wrong)"]
        );
        let unavailable = SettingsFile::Unavailable {
            url: "shop.json".into(),
            why: "the server answered 404".into(),
        };
        let (config, _) = StoreConfig::resolve(&attrs, "", unavailable);
        assert_eq!(config.terms, Err(TermsUnknown::Unreadable));
        assert_eq!(config.store_name.as_deref(), Some("Page Name"));
    }

    #[test]
    fn the_files_terms_are_read_apart_and_once() {
        let text = r#"{"schema": "chatcart-shop/1", "name": "File Name",
  "offers": [{"code": "A1", "percent_off": "110"}]}"#;
        let file = SettingsFile::Fetched {
            url: "shop.json".into(),
            text: text.into(),
        };
        let (mut config, problems) = StoreConfig::resolve(&attributes(&[]), "", file);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.store_name.as_deref(), Some("File Name"));
        assert_eq!(
            config.read_terms().unwrap(),
            "data-settings \"shop.json\": line 2, column 44: percent_off \"110\" is not a percentage above 0 and at most 100 with at most two decimals, like \"10\" or \"12.5\"; orders cannot be placed until the file is fixed (chatcart check shows what is wrong)"
        );
        assert_eq!(config.terms, Err(TermsUnknown::Unreadable));
        assert_eq!(config.read_terms(), None, "a problem is told once");
        assert_eq!(config.store_name.as_deref(), Some("File Name"));

        let text = r#"{"schema": "chatcart-shop/1", "currency": "USD",
  "pickup": {"minimum_order": "10.5"}}"#;
        let file = SettingsFile::Fetched {
            url: "shop.json".into(),
            text: text.into(),
        };
        let (mut config, _) = StoreConfig::resolve(&attributes(&[]), "", file);
        assert_eq!(config.read_terms(), None);
        let terms = config.terms.unwrap();
        assert_eq!(
            terms.pickup_minimum.unwrap().plain(),
            "USD 10.50",
            "in the file's currency"
        );
    }

    #[test]
    fn a_shop_may_offer_only_delivery_or_only_pickup() {
        let fulfilments = |pairs| {
            StoreConfig::resolve(&attributes(pairs), "", SettingsFile::None)
                .0
                .fulfilments
        };
        assert_eq!(fulfilments(&[("pickup", "no")]), [Fulfilment::Delivery]);
        assert_eq!(
            fulfilments(&[("delivery", "No"), ("pickup", "yes")]),
            [Fulfilment::Pickup]
        );
        let (config, problems) = StoreConfig::resolve(
            &attributes(&[("delivery", "no"), ("pickup", "never")]),
            "",
            SettingsFile::None,
        );
        assert_eq!(config.fulfilments, [Fulfilment::Pickup]);
        assert_eq!(
            problems,
            ["data-pickup: \"never\" is not yes or no; taken as yes"]
        );
        let (config, problems) = StoreConfig::resolve(
            &attributes(&[("delivery", "no"), ("pickup", "off")]),
            "",
            SettingsFile::None,
        );
        assert_eq!(
            config.fulfilments,
            [Fulfilment::Delivery, Fulfilment::Pickup]
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn defaults_and_problems() {
        let attrs = attributes(&[
            ("currency", "RUPEE"),
            ("locale", "en_IN!"),
            ("max-quantity", "0"),
            ("rounding", "nearest"),
        ]);
        let (config, problems) =
            StoreConfig::resolve(&attrs, "?utm_source=chat", SettingsFile::None);
        assert_eq!(config.currency.code(), "INR");
        assert_eq!(config.locale, "en-IN");
        assert_eq!(config.catalog_url, DEFAULT_CATALOG_URL);
        assert_eq!(config.whatsapp, Err(WhatsAppNumberError::Missing));
        assert_eq!(config.max_quantity, 99);
        assert_eq!(config.rounding, Rounding::HalfEven);
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].to_string().starts_with("data-currency:"));
        assert_eq!(
            problems[1],
            "data-rounding: \"nearest\" is not a rounding rule: use half-even, half-up, half-down, up or down; using half-even"
        );
    }

    #[test]
    fn problems_are_worded_for_the_merchant() {
        let attrs = attributes(&[
            ("currency", "RUPEE"),
            ("locale", "en_IN!"),
            ("max-quantity", "1000"),
            ("theme", "neon"),
            ("endpoint", "http://shop.example/orders"),
            ("upi", "sharma"),
            ("delivery", "no"),
            ("pickup", "no"),
            ("launcher", "maybe"),
        ]);
        let (_, problems) = StoreConfig::resolve(&attrs, "", SettingsFile::None);
        assert_eq!(
            problems,
            [
                "data-currency: \"RUPEE\" is not an ISO 4217 currency code (for example INR or USD); using INR",
                "locale: \"en_IN!\" is not a language tag like en-IN; using en-IN",
                "data-max-quantity: \"1000\" is not a whole number from 1 to 999; using 99",
                "data-theme: \"neon\" should be light, dark or auto",
                "data-endpoint: \"http://shop.example/orders\" must be an https address or a path on this site; orders go through WhatsApp only",
                "data-upi: the shop's UPI id \"sharma\" is not a UPI address like sharmakirana@okaxis; UPI payment is not offered",
                "data-launcher: \"maybe\" is not yes or no; taken as no",
                "data-delivery and data-pickup are both \"no\": a shopper could not receive the order; both are offered",
            ]
        );
        assert_eq!(
            problems[3],
            ConfigProblem::Theme(ThemeProblem::Mode("neon".into()))
        );
    }
}
