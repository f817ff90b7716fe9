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
//! plural "s", Devanagari without the nukta dot); a test holds the lists to that.

use crate::text::{whole_number, List};

/// One thing sold: the words catalogs name it by, then the words shoppers say for it.
pub struct Entry {
    pub catalog: List,
    pub spoken: List,
}

/// The grocery lexicon, an entry a line: catalog words, `=`, spoken words. An entry may give
/// several catalog words ("gobhi": cauliflower, cabbage) and a spoken word may stand in
/// several entries; a search for it widens to all of them. One text, not a table of
/// entries (`text::List` says why).
const LEXICON: &str = concat!(
    // Vegetables and fruit.
    "onion=pyaaj|pyaz|pyaaz|pyaj|piyaz|piyaj|kanda|kaanda|vengayam|प्याज|कांदा\n",
    "potato=aloo|alu|aaloo|aalu|batata|आलू|बटाटा\n",
    "tomato=tamatar|tamaatar|tamater|tamate|thakkali|टमाटर\n",
    "bhendi|okra|ladyfinger=bhindi|bhindee|bhendi|भिंडी|भेंडी\n",
    "garlic=lehsun|lahsun|lehsan|lasun|lahsan|लहसुन|लसूण\n",
    "ginger=adrak|adrakh|aadrak|अदरक|अद्रक\n",
    "chilli|chili|mirchi=mirch|mirchi|मिर्च|मिर्ची\n",
    "coriander|dhania|dhaniya=dhaniya|dhania|dhaniyan|kothimbir|धनिया\n",
    "cumin|jeera=jeera|jira|zeera|जीरा\n",
    "turmeric|haldi=haldi|हल्दी\n",
    "carrot|gajar=gajar|gaajar|गाजर\n",
    "cauliflower|cabbage|gobi=gobhi|gobi|phoolgobhi|गोभी\n",
    "pea|matar=matar|mattar|mutter|मटर\n",
    "spinach|palak=palak|paalak|पालक\n",
    "cucumber|kakdi=kakdi|kakri|kheera|khira|ककडी|खीरा\n",
    "brinjal|eggplant|baingan=baingan|baigan|bengan|vangi|बैंगन\n",
    "lemon|nimboo=nimbu|nimboo|neembu|limbu|नींबू|निंबू\n",
    "banana|kela=kela|kele|केला|केले\n",
    "apple|seb=seb|saib|सेब\n",
    "mango=aam|आम\n",
    "coconut=nariyal|nariyel|naral|नारियल\n",
    "pumpkin|kaddu=kaddu|कद्दू\n",
    "beetroot|chukandar=chukandar|चुकंदर\n",
    "groundnut|peanut|mungfali=mungfali|moongfali|moongphali|शेंगदाणा|मूंगफली\n",
    "almond|badam=badam|baadam|बादाम\n",
    "cashew|kaju=kaju|काजू\n",
    // "Kismis" as `words` leaves it, plural "s" taken off.
    "raisin|kishmish|kismi=kishmish|kismi|किशमिश\n",
    "green=hari|hara|हरी|हरा\n",
    // Milk and eggs.
    "milk=doodh|dudh|dood|paal|haalu|दूध\n",
    "curd|dahi|yogurt=dahi|dahee|thayir|mosaru|दही\n",
    "butter=makhan|makkhan|maakhan|मक्खन\n",
    "ghee=ghi|tup|घी\n",
    "paneer=panir|पनीर\n",
    "egg=anda|ande|anday|andey|अंडा|अंडे|अण्डा\n",
    // Staples.
    "sugar=cheeni|chini|shakkar|sakkare|चीनी|शक्कर\n",
    "salt=namak|uppu|नमक\n",
    "jaggery|gud=gud|gur|गुड\n",
    "atta=aata|ata|godihittu|gehu|gehun|आटा|गेहूं\n",
    "maida=maida|meda|मैदा\n",
    "rava|suji|sooji|semolina=suji|sooji|rawa|रवा|सूजी\n",
    "besan=besan|बेसन\n",
    "rice=chawal|chaawal|chaval|akki|चावल\n",
    "poha=pohe|chivda|पोहा\n",
    "dal=daal|dhal|bele|paruppu|दाल\n",
    "toor|tur|tuvar=toor|tur|tuvar|arhar|तूर|तुअर|अरहर\n",
    "moong=moong|mung|मूंग\n",
    "chana|chickpea=chana|channa|चना\n",
    "masoor=masoor|masur|मसूर\n",
    "urad|udid=urad|udad|udid|उडद\n",
    "rajma=rajma|राजमा\n",
    "oil=tel|tail|ennai|तेल\n",
    "mustard=sarson|sarso|sarsoon|सरसों|सरसो\n",
    "tea=chai|chaay|chaha|patti|चाय|पत्ती\n",
    "coffee=kaafi|कॉफी\n",
    "honey=shahad|shehad|शहद\n",
    "masala=मसाला\n",
    "cardamom|elaichi=elaichi|ilaichi|इलायची\n",
    "clove|laung=laung|lavang|लौंग\n",
    "asafoetida|hing=hing|heeng|हींग\n",
    "fenugreek|methi=methi|मेथी\n",
    "tamarind|imli=imli|chinch|इमली\n",
    "fennel|saunf=saunf|sounf|सौंफ\n",
    "biscuit=biskut|biscut|बिस्कुट\n",
    "bread=bred|ब्रेड\n",
    "noodle=नूडल्स\n",
    // Household.
    "soap=sabun|saabun|sabu|साबुन\n",
    "broom=jhadu|jhaadu|झाडू\n",
    "detergent=sarf\n",
    // Brands said for the thing they sell most: "maggi" is instant noodles, "colgate"
    // toothpaste, "surf" washing powder. The brand still matches as typed; its best-known
    // product comes first.
    "noodle=maggi|मैगी|मेगी|मैग्गी\n",
    "toothpaste=colgate|कोलगेट\n",
    "detergent=surf|सर्फ\n",
    // Brands, as they are said in Devanagari.
    "maggi=मैगी|मेगी|मैग्गी\n",
    "amul=अमूल\n",
    "parle=पारले|पार्ले\n",
    "tata=टाटा\n",
    "haldiram=हल्दीराम\n",
    "colgate=कोलगेट\n",
    "surf=सर्फ\n",
    "excel=एक्सेल\n",
    "dettol=डेटॉल|डेटोल\n",
    "britannia=ब्रिटानिया\n",
    "aashirvaad=आशीर्वाद|ashirwad\n",
    "fortune=फॉर्च्यून\n",
    "patanjali=पतंजलि\n",
    "lux=लक्स\n",
    "vim=विम\n",
    "lifebuoy=लाइफबॉय\n",
    "nescafe=नेस्कैफे\n",
);

/// The lexicon's entries in order.
pub fn entries() -> impl Iterator<Item = Entry> {
    rows(LEXICON).map(|(catalog, spoken)| Entry {
        catalog: List(catalog),
        spoken,
    })
}

/// A table's rows, a line each: what is named, `=`, the words said for it.
fn rows(table: &'static str) -> impl Iterator<Item = (&'static str, List)> {
    table.split_terminator('\n').map(|line| {
        let (named, said) = line.split_once('=').unwrap_or((line, ""));
        (named, List(said))
    })
}

/// The words a spoken word widens to: every other word of each entry it is spoken in.
pub fn alternatives(word: &str) -> impl Iterator<Item = &'static str> + '_ {
    entries()
        .filter(move |entry| entry.spoken.has(word))
        .flat_map(|entry| entry.catalog.items().chain(entry.spoken.items()))
        .filter(move |alternative| *alternative != word)
}

/// Words that carry no product: "sarson ka tel", "maggi chahiye", "bhaiya do packet
/// dena".
pub const FILLERS: List = List(
    "ka|ki|ke|wala|wali|wale|vala|chahiye|chahie|chaiye|chaahiye|dena|dedo|dijiye|dijie|\
     bhaiya|bhaiyya|bhai|ji|aur|mujhe|muje|hume|humko|mereko|\
     का|की|के|वाला|वाली|चाहिए|देना|दीजिए|भैया|और|मुझे",
);

pub fn is_filler(word: &str) -> bool {
    FILLERS.has(word)
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

/// Numbers as said, a number a line: "ek" → "1", "आधा" → "0.5".
const NUMBERS: &str = concat!(
    "1=ek|aik|एक\n",
    "2=do|दो\n",
    "3=teen|तीन\n",
    "4=char|chaar|चार\n",
    "5=paanch|panch|पांच|पाँच\n",
    "6=chhe|chhah|छह\n",
    "7=saat|सात\n",
    "8=aath|आठ\n",
    "9=nau|नौ\n",
    "10=das|दस\n",
    "12=barah|बारह\n",
    "0.5=aadha|adha|aada|aadhi|आधा|आधी\n",
    "1.5=dedh|derh|डेढ\n",
    "2.5=dhai|dhaai|ढाई\n",
);

/// A quarter kilo: "ek paav", "paav kilo".
const QUARTER: List = List("paav|pao|pav|पाव");
/// Twelve: "ek dozen ande", "darjan kele".
const DOZEN: List = List("dozen|darjan|dozan|दर्जन");
/// Words counting packs, not naming the product: "2 packet maggi" is two packs of Maggi.
const COUNTS: List = List(
    "packet|pkt|pack|pkg|pouch|bottle|botal|dabba|dibba|nos|nag|\
     पैकेट|पैकेट्स|बोतल|डब्बा|पैक",
);

fn number_of(word: &str) -> Option<&'static str> {
    rows(NUMBERS)
        .find(|(_, said)| said.has(word))
        .map(|(number, _)| number)
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
                || QUARTER.has(w)
                || DOZEN.has(w)
                || COUNTS.has(w)
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
        if QUARTER.has(word) {
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
        if word == "kg" && at > 0 && QUARTER.has(&words[at - 1]) {
            // "paav kilo": the quarter was the kilo's.
            if out.last().is_some_and(|w| w == "g") {
                continue;
            }
        }
        if DOZEN.has(word) {
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
        if COUNTS.has(word) && previous_number.is_some() {
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
        let lists = [FILLERS, QUARTER, DOZEN, COUNTS].into_iter();
        let lists = lists.chain(entries().flat_map(|entry| [entry.catalog, entry.spoken]));
        let lists = lists.chain(rows(NUMBERS).map(|(_, said)| said));
        let mut checked = 0;
        for word in lists.flat_map(List::items) {
            assert_eq!(words(word), [word], "{word}");
            checked += 1;
        }
        assert!(
            checked >= 524,
            "{checked} words: fewer than the lists held as tables"
        );
    }

    #[test]
    fn every_row_names_something_and_says_words_for_it() {
        for (named, said) in rows(LEXICON).chain(rows(NUMBERS)) {
            assert!(!named.is_empty() && !said.0.contains('='), "{named}");
            assert!(said.items().all(|word| !word.is_empty()), "{named}");
        }
        assert_eq!(entries().count(), 88);
        assert_eq!(number_of("aadha"), Some("0.5"));
        assert_eq!(number_of("दो"), Some("2"));
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
