//! The grocery words Indian shoppers type, as data: everyday Hindi and Hinglish names in
//! their common Latin spellings and in Devanagari, the regional names Indian feeds carry
//! beside the English ones ("Atta/Godihittu", "Salt/Uppu"), and the words of a spoken
//! quantity ("aadha kilo", "ek paav", "do packet").
//!
//! A name widens a search, it never replaces what was typed: "aloo" still finds a title
//! with "Aloo", and also those with "Potato". Only what shoppers say widens; a catalog's
//! own word ("potato") searches as it always did, so English searches rank as before.
//!
//! Every word here is written as `search::words` leaves it (lower case, one word, no
//! plural "s", Devanagari without the nukta dot); a test holds the table to that.

use crate::text::whole_number;

/// One thing sold: the words catalogs name it by, then the words shoppers say for it.
pub struct Entry {
    pub catalog: &'static [&'static str],
    pub spoken: &'static [&'static str],
}

const fn entry(catalog: &'static [&'static str], spoken: &'static [&'static str]) -> Entry {
    Entry { catalog, spoken }
}

/// The grocery lexicon. An entry may give several catalog words ("gobhi": cauliflower,
/// cabbage) and a spoken word may stand in several entries; a search for it widens to
/// all of them.
pub const LEXICON: &[Entry] = &[
    // Vegetables and fruit.
    entry(
        &["onion"],
        &[
            "pyaaj",
            "pyaz",
            "pyaaz",
            "pyaj",
            "piyaz",
            "piyaj",
            "kanda",
            "kaanda",
            "vengayam",
            "प्याज",
            "कांदा",
        ],
    ),
    entry(
        &["potato"],
        &["aloo", "alu", "aaloo", "aalu", "batata", "आलू", "बटाटा"],
    ),
    entry(
        &["tomato"],
        &[
            "tamatar",
            "tamaatar",
            "tamater",
            "tamate",
            "thakkali",
            "टमाटर",
        ],
    ),
    entry(
        &["bhendi", "okra", "ladyfinger"],
        &["bhindi", "bhindee", "bhendi", "भिंडी", "भेंडी"],
    ),
    entry(
        &["garlic"],
        &[
            "lehsun",
            "lahsun",
            "lehsan",
            "lasun",
            "lahsan",
            "लहसुन",
            "लसूण",
        ],
    ),
    entry(&["ginger"], &["adrak", "adrakh", "aadrak", "अदरक", "अद्रक"]),
    entry(
        &["chilli", "chili", "mirchi"],
        &["mirch", "mirchi", "मिर्च", "मिर्ची"],
    ),
    entry(
        &["coriander", "dhania", "dhaniya"],
        &["dhaniya", "dhania", "dhaniyan", "kothimbir", "धनिया"],
    ),
    entry(&["cumin", "jeera"], &["jeera", "jira", "zeera", "जीरा"]),
    entry(&["turmeric", "haldi"], &["haldi", "हल्दी"]),
    entry(&["carrot", "gajar"], &["gajar", "gaajar", "गाजर"]),
    entry(
        &["cauliflower", "cabbage", "gobi"],
        &["gobhi", "gobi", "phoolgobhi", "गोभी"],
    ),
    entry(&["pea", "matar"], &["matar", "mattar", "mutter", "मटर"]),
    entry(&["spinach", "palak"], &["palak", "paalak", "पालक"]),
    entry(
        &["cucumber", "kakdi"],
        &["kakdi", "kakri", "kheera", "khira", "ककडी", "खीरा"],
    ),
    entry(
        &["brinjal", "eggplant", "baingan"],
        &["baingan", "baigan", "bengan", "vangi", "बैंगन"],
    ),
    entry(
        &["lemon", "nimboo"],
        &["nimbu", "nimboo", "neembu", "limbu", "नींबू", "निंबू"],
    ),
    entry(&["banana", "kela"], &["kela", "kele", "केला", "केले"]),
    entry(&["apple", "seb"], &["seb", "saib", "सेब"]),
    entry(&["mango"], &["aam", "आम"]),
    entry(&["coconut"], &["nariyal", "nariyel", "naral", "नारियल"]),
    entry(&["pumpkin", "kaddu"], &["kaddu", "कद्दू"]),
    entry(&["beetroot", "chukandar"], &["chukandar", "चुकंदर"]),
    entry(
        &["groundnut", "peanut", "mungfali"],
        &["mungfali", "moongfali", "moongphali", "शेंगदाणा", "मूंगफली"],
    ),
    entry(&["almond", "badam"], &["badam", "baadam", "बादाम"]),
    entry(&["cashew", "kaju"], &["kaju", "काजू"]),
    // "Kismis" as `words` leaves it, plural "s" taken off.
    entry(
        &["raisin", "kishmish", "kismi"],
        &["kishmish", "kismi", "किशमिश"],
    ),
    entry(&["green"], &["hari", "hara", "हरी", "हरा"]),
    // Milk and eggs.
    entry(&["milk"], &["doodh", "dudh", "dood", "paal", "haalu", "दूध"]),
    entry(
        &["curd", "dahi", "yogurt"],
        &["dahi", "dahee", "thayir", "mosaru", "दही"],
    ),
    entry(&["butter"], &["makhan", "makkhan", "maakhan", "मक्खन"]),
    entry(&["ghee"], &["ghi", "tup", "घी"]),
    entry(&["paneer"], &["panir", "पनीर"]),
    entry(
        &["egg"],
        &["anda", "ande", "anday", "andey", "अंडा", "अंडे", "अण्डा"],
    ),
    // Staples.
    entry(
        &["sugar"],
        &["cheeni", "chini", "shakkar", "sakkare", "चीनी", "शक्कर"],
    ),
    entry(&["salt"], &["namak", "uppu", "नमक"]),
    entry(&["jaggery", "gud"], &["gud", "gur", "गुड"]),
    entry(
        &["atta"],
        &["aata", "ata", "godihittu", "gehu", "gehun", "आटा", "गेहूं"],
    ),
    entry(&["maida"], &["maida", "meda", "मैदा"]),
    entry(
        &["rava", "suji", "sooji", "semolina"],
        &["suji", "sooji", "rawa", "रवा", "सूजी"],
    ),
    entry(&["besan"], &["besan", "बेसन"]),
    entry(&["rice"], &["chawal", "chaawal", "chaval", "akki", "चावल"]),
    entry(&["poha"], &["pohe", "chivda", "पोहा"]),
    entry(&["dal"], &["daal", "dhal", "bele", "paruppu", "दाल"]),
    entry(
        &["toor", "tur", "tuvar"],
        &["toor", "tur", "tuvar", "arhar", "तूर", "तुअर", "अरहर"],
    ),
    entry(&["moong"], &["moong", "mung", "मूंग"]),
    entry(&["chana", "chickpea"], &["chana", "channa", "चना"]),
    entry(&["masoor"], &["masoor", "masur", "मसूर"]),
    entry(&["urad", "udid"], &["urad", "udad", "udid", "उडद"]),
    entry(&["rajma"], &["rajma", "राजमा"]),
    entry(&["oil"], &["tel", "tail", "ennai", "तेल"]),
    entry(
        &["mustard"],
        &["sarson", "sarso", "sarsoon", "सरसों", "सरसो"],
    ),
    entry(
        &["tea"],
        &["chai", "chaay", "chaha", "patti", "चाय", "पत्ती"],
    ),
    entry(&["coffee"], &["kaafi", "कॉफी"]),
    entry(&["honey"], &["shahad", "shehad", "शहद"]),
    entry(&["masala"], &["मसाला"]),
    entry(&["cardamom", "elaichi"], &["elaichi", "ilaichi", "इलायची"]),
    entry(&["clove", "laung"], &["laung", "lavang", "लौंग"]),
    entry(&["asafoetida", "hing"], &["hing", "heeng", "हींग"]),
    entry(&["fenugreek", "methi"], &["methi", "मेथी"]),
    entry(&["tamarind", "imli"], &["imli", "chinch", "इमली"]),
    entry(&["fennel", "saunf"], &["saunf", "sounf", "सौंफ"]),
    entry(&["biscuit"], &["biskut", "biscut", "बिस्कुट"]),
    entry(&["bread"], &["bred", "ब्रेड"]),
    entry(&["noodle"], &["नूडल्स"]),
    // Household.
    entry(&["soap"], &["sabun", "saabun", "sabu", "साबुन"]),
    entry(&["broom"], &["jhadu", "jhaadu", "झाडू"]),
    entry(&["detergent"], &["sarf"]),
    // Brands said for the thing they sell most: "maggi" is instant noodles, "colgate"
    // toothpaste, "surf" washing powder. The brand still matches as typed; its best-known
    // product comes first.
    entry(&["noodle"], &["maggi", "मैगी", "मेगी", "मैग्गी"]),
    entry(&["toothpaste"], &["colgate", "कोलगेट"]),
    entry(&["detergent"], &["surf", "सर्फ"]),
    // Brands, as they are said in Devanagari.
    entry(&["maggi"], &["मैगी", "मेगी", "मैग्गी"]),
    entry(&["amul"], &["अमूल"]),
    entry(&["parle"], &["पारले", "पार्ले"]),
    entry(&["tata"], &["टाटा"]),
    entry(&["haldiram"], &["हल्दीराम"]),
    entry(&["colgate"], &["कोलगेट"]),
    entry(&["surf"], &["सर्फ"]),
    entry(&["excel"], &["एक्सेल"]),
    entry(&["dettol"], &["डेटॉल", "डेटोल"]),
    entry(&["britannia"], &["ब्रिटानिया"]),
    entry(&["aashirvaad"], &["आशीर्वाद", "ashirwad"]),
    entry(&["fortune"], &["फॉर्च्यून"]),
    entry(&["patanjali"], &["पतंजलि"]),
    entry(&["lux"], &["लक्स"]),
    entry(&["vim"], &["विम"]),
    entry(&["lifebuoy"], &["लाइफबॉय"]),
    entry(&["nescafe"], &["नेस्कैफे"]),
];

/// The words a spoken word widens to: every other word of each entry it is spoken in.
pub fn alternatives(word: &str) -> impl Iterator<Item = &'static str> + '_ {
    LEXICON
        .iter()
        .filter(move |entry| entry.spoken.contains(&word))
        .flat_map(|entry| entry.catalog.iter().chain(entry.spoken))
        .copied()
        .filter(move |alternative| *alternative != word)
}

/// Words that carry no product: "sarson ka tel", "maggi chahiye", "bhaiya do packet
/// dena".
pub const FILLERS: &[&str] = &[
    "ka",
    "ki",
    "ke",
    "wala",
    "wali",
    "wale",
    "vala",
    "chahiye",
    "chahie",
    "chaiye",
    "chaahiye",
    "dena",
    "dedo",
    "dijiye",
    "dijie",
    "bhaiya",
    "bhaiyya",
    "bhai",
    "ji",
    "aur",
    "mujhe",
    "muje",
    "hume",
    "humko",
    "mereko",
    "का",
    "की",
    "के",
    "वाला",
    "वाली",
    "चाहिए",
    "देना",
    "दीजिए",
    "भैया",
    "और",
    "मुझे",
];

pub fn is_filler(word: &str) -> bool {
    FILLERS.contains(&word)
}

/// "do" (two) closing a message is "give": "maggi do".
fn is_closing_give(words: &[String], at: usize) -> bool {
    at > 0 && at + 1 == words.len() && matches!(words[at].as_str(), "do" | "दो")
}

/// A search's words without those that carry no product, unless nothing else is left.
pub fn without_fillers(words: Vec<String>) -> Vec<String> {
    let kept: Vec<String> = (0..words.len())
        .filter(|&at| !is_filler(&words[at]) && !is_closing_give(&words, at))
        .map(|at| words[at].clone())
        .collect();
    if kept.is_empty() {
        words
    } else {
        kept
    }
}

/// Numbers as said: "ek" → "1", "आधा" → "0.5".
const NUMBERS: &[(&str, &str)] = &[
    ("ek", "1"),
    ("aik", "1"),
    ("एक", "1"),
    ("do", "2"),
    ("दो", "2"),
    ("teen", "3"),
    ("तीन", "3"),
    ("char", "4"),
    ("chaar", "4"),
    ("चार", "4"),
    ("paanch", "5"),
    ("panch", "5"),
    ("पांच", "5"),
    ("पाँच", "5"),
    ("chhe", "6"),
    ("chhah", "6"),
    ("छह", "6"),
    ("saat", "7"),
    ("सात", "7"),
    ("aath", "8"),
    ("आठ", "8"),
    ("nau", "9"),
    ("नौ", "9"),
    ("das", "10"),
    ("दस", "10"),
    ("barah", "12"),
    ("बारह", "12"),
    ("aadha", "0.5"),
    ("adha", "0.5"),
    ("aada", "0.5"),
    ("aadhi", "0.5"),
    ("आधा", "0.5"),
    ("आधी", "0.5"),
    ("dedh", "1.5"),
    ("derh", "1.5"),
    ("डेढ", "1.5"),
    ("dhai", "2.5"),
    ("dhaai", "2.5"),
    ("ढाई", "2.5"),
];

/// A quarter kilo: "ek paav", "paav kilo".
const QUARTER: &[&str] = &["paav", "pao", "pav", "पाव"];
/// Twelve: "ek dozen ande", "darjan kele".
const DOZEN: &[&str] = &["dozen", "darjan", "dozan", "दर्जन"];
/// Words counting packs, not naming the product: "2 packet maggi" is two packs of Maggi.
const COUNTS: &[&str] = &[
    "packet",
    "pkt",
    "pack",
    "pkg",
    "pouch",
    "bottle",
    "botal",
    "dabba",
    "dibba",
    "nos",
    "nag",
    "पैकेट",
    "पैकेट्स",
    "बोतल",
    "डब्बा",
    "पैक",
];

fn number_of(word: &str) -> Option<&'static str> {
    NUMBERS
        .iter()
        .find(|(said, _)| *said == word)
        .map(|(_, n)| *n)
}

fn is_digits(word: &str) -> bool {
    word.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

/// An amount times a whole number, written back as `words` writes numbers: "0.5" × 12.
fn times(amount: &str, factor: u64) -> Option<String> {
    let (whole, fraction) = amount.split_once('.').unwrap_or((amount, ""));
    let scale = 10u64.checked_pow(fraction.len() as u32)?;
    let value = whole_number(&format!("{whole}{fraction}"))?;
    let total = value.checked_mul(factor)?;
    Some(match (total / scale, total % scale) {
        (whole, 0) => whole.to_string(),
        (whole, rest) => {
            let digits = format!("{rest:0width$}", width = fraction.len());
            format!("{whole}.{}", digits.trim_end_matches('0'))
        }
    })
}

/// An order's words (as `search::words` gives them) with spoken quantities written as
/// numbers and units: "aadha kg chini" → "0.5 kg chini", "ek paav paneer" → "250 g
/// paneer", "do darjan kela" → "24 pcs kela", "2 packet maggi" → "2 maggi"; words that
/// carry no product are dropped.
pub fn spoken_quantities(words: Vec<String>) -> Vec<String> {
    let is_unit = |w: Option<&String>| {
        w.is_some_and(|w| {
            matches!(w.as_str(), "g" | "kg" | "ml" | "l" | "pcs")
                || QUARTER.contains(&w.as_str())
                || DOZEN.contains(&w.as_str())
                || COUNTS.contains(&w.as_str())
        })
    };
    let last = words.len().saturating_sub(1);
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (at, word) in words.iter().enumerate() {
        let next = words.get(at + 1);
        let previous_number = out.last().filter(|w| is_digits(w)).cloned();
        if let Some(number) = number_of(word) {
            // A number word counts when a unit follows, or it opens an order of more
            // words; "do" last is "give", as in "maggi do".
            let opens = at == 0 && at < last;
            let closes = at == last && at > 0 && !is_closing_give(&words, at);
            if is_unit(next) || opens || closes {
                out.push(number.to_owned());
                continue;
            }
        }
        if QUARTER.contains(&word.as_str()) {
            let quarter = word != "pav" || next.is_some_and(|n| n == "kg");
            if quarter || previous_number.is_some() {
                if let Some(n) = &previous_number {
                    out.pop();
                    out.push(times(n, 250).unwrap_or_else(|| n.clone()));
                } else {
                    out.push("250".to_owned());
                }
                out.push("g".to_owned());
                continue;
            }
        }
        if word == "kg" && at > 0 && QUARTER.contains(&words[at - 1].as_str()) {
            // "paav kilo": the quarter was the kilo's.
            if out.last().is_some_and(|w| w == "g") {
                continue;
            }
        }
        if DOZEN.contains(&word.as_str()) {
            match previous_number {
                Some(n) => {
                    out.pop();
                    out.push(times(&n, 12).unwrap_or(n));
                }
                None => out.push("12".to_owned()),
            }
            out.push("pcs".to_owned());
            continue;
        }
        if COUNTS.contains(&word.as_str()) && previous_number.is_some() {
            continue;
        }
        if is_filler(word) || is_closing_give(&words, at) {
            continue;
        }
        out.push(word.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::words;

    #[test]
    fn every_word_is_written_as_search_writes_it() {
        for entry in LEXICON {
            for word in entry.catalog.iter().chain(entry.spoken) {
                assert_eq!(words(word), [*word], "{word}");
            }
        }
        for word in FILLERS.iter().chain(QUARTER).chain(DOZEN).chain(COUNTS) {
            assert_eq!(words(word), [*word], "{word}");
        }
        for (word, _) in NUMBERS {
            assert_eq!(words(word), [*word], "{word}");
        }
    }

    #[test]
    fn spoken_words_widen_and_catalog_words_do_not() {
        let aloo: Vec<&str> = alternatives("aloo").collect();
        assert!(aloo.contains(&"potato") && aloo.contains(&"आलू"));
        assert!(!aloo.contains(&"aloo"));
        assert_eq!(alternatives("potato").count(), 0);
        let gobhi: Vec<&str> = alternatives("gobhi").collect();
        assert!(gobhi.contains(&"cauliflower") && gobhi.contains(&"cabbage"));
    }

    fn said(text: &str) -> String {
        spoken_quantities(words(text)).join(" ")
    }

    #[test]
    fn quantities_are_read_as_said() {
        assert_eq!(said("aadha kilo chini"), "0.5 kg chini");
        assert_eq!(said("आधा किलो चीनी"), "0.5 kg चीनी");
        assert_eq!(said("ek paav paneer"), "250 g paneer");
        assert_eq!(said("paav kilo adrak"), "250 g adrak");
        assert_eq!(said("do paav makhan"), "500 g makhan");
        assert_eq!(said("pav bhaji masala"), "pav bhaji masala");
        assert_eq!(said("ek dozen ande"), "12 pcs ande");
        assert_eq!(said("do darjan kele"), "24 pcs kele");
        assert_eq!(said("2 packet maggi"), "2 maggi");
        assert_eq!(said("दो पैकेट मैगी"), "2 मैगी");
        assert_eq!(said("maggi do"), "maggi");
        assert_eq!(said("do maggi"), "2 maggi");
        assert_eq!(said("sarson ka tel"), "sarson tel");
        assert_eq!(said("teen kilo aloo"), "3 kg aloo");
        assert_eq!(said("tin box"), "tin box");
        assert_eq!(said("१ किलो आलू"), "1 kg आलू");
    }
}
