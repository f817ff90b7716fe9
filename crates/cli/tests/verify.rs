//! `chatcart verify` as a merchant runs it: pasting the message from WhatsApp.

use std::io::Write;
use std::process::{Command, Stdio};

use chatcart_core::handoff::message_checksum;

fn verify(text: &str) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chatcart"))
        .arg("verify")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn pasted_messages_are_checked() {
    let body =
        "New order CC-7K3P9Q for Demo Kirana\n\n2 x Atta (5 kg): ₹498.00\n\nTotal: ₹498.00\n";
    let message = format!("{body}\nCheck: {}", message_checksum(body));
    assert_eq!(verify(&message).0, 0);
    // WhatsApp desktop copies with CRLF; that is not an edit.
    assert_eq!(verify(&message.replace('\n', "\r\n")).0, 0);
    let (status, out) = verify(&message.replace("2 x", "5 x"));
    assert_eq!(status, 1);
    assert!(out.starts_with("edited: the message says Check: "), "{out}");
    assert_eq!(verify(body).0, 2);
}
