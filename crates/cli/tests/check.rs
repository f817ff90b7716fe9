//! `chatcart check` as a merchant runs it: the real binary on real files.

use std::path::{Path, PathBuf};
use std::process::Command;

fn check(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_chatcart"))
        .arg("check")
        .args(args)
        .output()
        .expect("the chatcart binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn write_temp(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chatcart-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn a_feed_with_bad_rows_lists_them_and_exits_1() {
    let feed = write_temp(
        "shop.csv",
        "id,title,price,availability,link\n\
         A1,Rice,10.00 INR,in stock,https://shop.example/rice\n\
         A2,Dal,9.99 USD,in stock,\n\
         A3,Tea,12.00 INR,in stock,javascript:alert(1)\n",
    );
    let path = feed.to_string_lossy();
    let (status, out, _) = check(&[&path]);
    assert_eq!(status, 1);
    assert_eq!(
        out,
        format!(
            "{path}: line 3 (id A2), price: the price is in USD but the shop sells in INR; row skipped\n\
             {path}: line 4 (id A3), link: \"javascript:alert(1)\" is not an https:// link and was left out\n\
             {path}: 3 rows: 2 loaded as 2 products in 1 categories, 1 skipped, 1 warnings\n"
        )
    );
    let (status, out, _) = check(&[&path, "--currency", "USD"]);
    assert_eq!(status, 1, "now the INR rows are the wrong ones");
    assert!(out.contains("1 loaded"), "{out}");
}

#[test]
fn a_quote_that_swallows_rows_is_named_by_its_line_and_exits_1() {
    // Row A2's description opens a quote that the one before "Pure" on line 5 closes: the
    // rows between are read into that description, and would load without a word.
    let feed = write_temp(
        "quote.csv",
        "id,title,description,price,availability\n\
         A1,Rice,\"Long grain\",10.00 INR,in stock\n\
         A2,Dal,\"Yellow \"\"toor\"\" dal,95.00 INR,in stock\n\
         A3,Oil,Cold pressed,150.00 INR,in stock\n\
         A4,Ghee,\"Pure\",450.00 INR,in stock\n\
         A5,Tea,Assam,120.00 INR,in stock\n",
    );
    let path = feed.to_string_lossy();
    let (status, out, _) = check(&[&path]);
    assert_eq!(
        out,
        format!(
            "{path}: line 3: a quote opens here and closes on line 5, inside a value: lines 3 to 5 were read as one value\n\
             {path}: 3 rows: 3 loaded as 3 products in 1 categories, 0 skipped, 1 warnings\n"
        )
    );
    assert_eq!(status, 1, "rows were lost");

    // A quote never closed reads the rest of the file as one value.
    let feed = write_temp(
        "unclosed.csv",
        "id,title,price,availability\n\
         A1,Rice,10.00 INR,in stock\n\
         A2,\"Dal 1 kg,95.00 INR,in stock\n\
         A3,Oil,150.00 INR,in stock\n\
         A4,Tea,120.00 INR,in stock\n",
    );
    let path = feed.to_string_lossy();
    let (status, out, _) = check(&[&path]);
    assert_eq!(status, 1);
    assert_eq!(
        out,
        format!(
            "{path}: line 3: a quote opens here and is never closed: lines 3 to 5, the rest of the file, were read as one value\n\
             {path}: line 3 (id A2), price: is missing; row skipped\n\
             {path}: 2 rows: 1 loaded as 1 products in 1 categories, 1 skipped, 1 warnings\n"
        )
    );
}

#[test]
fn the_dmart_feed_loads_with_three_warnings() {
    let path = repo("../shared/data/feed-dmart.csv");
    assert!(
        Path::new(&path).exists(),
        "the shared DMart feed belongs at {path}"
    );
    let (status, out, err) = check(&[&path]);
    assert_eq!(status, 0, "{err}");
    let last = out.lines().last().unwrap();
    assert!(
        last.ends_with(
            ": 6387 rows: 6387 loaded as 6387 products in 31 categories, 0 skipped, 3 warnings"
        ),
        "{last}"
    );
}

#[test]
fn the_demo_catalog_is_clean_and_unusable_files_exit_2() {
    let (status, out, _) = check(&[&repo("public/demo-catalog.json")]);
    assert_eq!(status, 0, "{out}");
    assert!(
        out.ends_with(
            "chatcart JSON catalog: 40 products (40 items) in 6 categories, no problems\n"
        ),
        "{out}"
    );

    let bad = write_temp("bad.csv", "sku,name\n1,Rice\n");
    let (status, out, _) = check(&[&bad.to_string_lossy()]);
    assert_eq!(status, 2);
    assert!(
        out.contains("cannot be used: the feed has no id, title, price column"),
        "{out}"
    );

    let (status, _, err) = check(&["/no/such/feed.csv"]);
    assert_eq!(status, 2);
    assert!(
        err.starts_with("/no/such/feed.csv: cannot be read:"),
        "{err}"
    );

    let (status, _, err) = check(&[]);
    assert_eq!(status, 2);
    assert!(err.starts_with("which feed? give its path"), "{err}");
}

#[test]
fn a_shop_settings_file_is_summarised_or_its_problem_named_by_line() {
    let path = repo("public/demo-shop.json");
    let (status, out, err) = check(&[&path]);
    assert_eq!(status, 0, "{err}");
    assert_eq!(
        out,
        format!(
            "{path}: shop settings: currency INR, time_zone +05:30\n\
             {path}: delivery everywhere: 30.00, free from 499.00, minimum order 100.00\n\
             {path}: pickup: minimum order 100.00\n\
             {path}: offer WELCOME10: 10% off, at most 70.00, on 500.00 or more\n\
             {path}: no problems\n"
        )
    );

    let zones = write_temp(
        "zones.json",
        r#"{"schema": "chatcart-shop/1", "time_zone": "+04:00", "fulfilment": ["delivery"],
            "delivery": {"zones": [
              {"name": "Andheri", "pin_codes": ["40005", "400061"], "fee": "25", "minimum_order": "150"},
              {"fee": "40", "free_from": "999"}]},
            "offers": [{"amount_off": "50", "minimum_cart": "1000", "until": "2026-12-31"}]}"#,
    );
    let path = zones.to_string_lossy();
    let (status, out, _) = check(&[&path, "--currency", "USD"]);
    assert_eq!(status, 0, "{out}");
    assert_eq!(
        out,
        format!(
            "{path}: shop settings: currency USD (not in the file), time_zone +04:00\n\
             {path}: delivery to PIN codes starting 40005 or 400061 (\"Andheri\"): 25.00, minimum order 150.00\n\
             {path}: delivery everywhere else: 40.00, free from 999.00\n\
             {path}: no pickup\n\
             {path}: automatic offer: 50.00 off, on 1000.00 or more, until 2026-12-31\n\
             {path}: no problems\n"
        )
    );

    let bad = write_temp(
        "bad-shop.json",
        "{\n  \"schema\": \"chatcart-shop/1\",\n  \"delivery\": {\"zones\": [{\"fee\": \"30.5.0\"}]}\n}",
    );
    let path = bad.to_string_lossy();
    let (status, out, _) = check(&[&path]);
    assert_eq!(status, 2);
    assert_eq!(
        out,
        format!("{path}: line 3, column 34: fee: \"30.5.0\" is not a price: write digits with an optional decimal point, like 249.50\n")
    );
    // Not even JSON: still read as settings, by its schema.
    let broken = write_temp(
        "broken-shop.json",
        "{\n  \"schema\": \"chatcart-shop/1\",\n  \"offers\": [\n}",
    );
    let path = broken.to_string_lossy();
    let (status, out, _) = check(&[&path]);
    assert_eq!(status, 2);
    assert_eq!(
        out,
        format!("{path}: line 4, column 1: expected a value: text in double quotes, a number, true, false, null, a list or an object\n")
    );
}
