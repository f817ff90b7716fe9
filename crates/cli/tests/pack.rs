//! `chatcart pack` as a merchant runs it: the real binary writing a real folder.

use std::path::PathBuf;
use std::process::Command;

fn chatcart(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_chatcart"))
        .args(args)
        .output()
        .expect("the chatcart binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
    )
}

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chatcart-pack-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn files_in(dir: &PathBuf) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files_in(&path)
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn a_feed_is_packed_reported_and_repacked_beside_itself() {
    let dir = folder("feed");
    let feed = dir.join("shop.csv");
    let rows = "id,title,price,product_type\nA1,Rice 5 kg,250.00 INR,Staples\nA2,Dal 1 kg,120.00 INR,Staples\n";
    std::fs::write(&feed, rows).unwrap();
    let out = dir.join("pack");
    let (feed, out) = (feed.to_str().unwrap(), out.to_str().unwrap());
    let (code, printed) = chatcart(&["pack", feed, "--out", out]);
    assert_eq!(code, 0, "{printed}");
    let (_, report) = chatcart(&["check", feed]);
    assert!(report.contains("2 rows: 2 loaded"), "{report}");
    let rest = printed.strip_prefix(&report).expect("check's report first");
    let lines: Vec<&str> = rest.lines().collect();
    assert!(lines[0].contains("pack of 2 products"), "{printed}");
    assert_eq!(
        lines[1],
        format!("{out}/manifest.json"),
        "the manifest last"
    );
    let first = files_in(&PathBuf::from(out));

    // One price changes: the new pack goes beside the old, writing only what changed.
    std::fs::write(feed, rows.replace("120.00", "125.00")).unwrap();
    let (code, printed) = chatcart(&["pack", feed, "--out", out]);
    assert_eq!(code, 0, "{printed}");
    assert!(
        printed.contains("3 files"),
        "page, table and manifest: {printed}"
    );
    assert_eq!(files_in(&PathBuf::from(out)), first + 2);
}

#[test]
fn a_feed_that_cannot_be_used_writes_no_pack() {
    let dir = folder("bad");
    let feed = dir.join("shop.csv");
    std::fs::write(&feed, "title\nRice\n").unwrap();
    let out = dir.join("pack");
    let (code, printed) = chatcart(&[
        "pack",
        feed.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{printed}");
    assert!(printed.contains("cannot be used"), "{printed}");
    assert!(!out.exists());
}
