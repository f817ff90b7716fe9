//! A throwaway PostgreSQL server for tests: initdb into a fresh folder, started on a free
//! port of 127.0.0.1 (so it never meets a server the machine runs), stopped and removed when
//! dropped. It is Debian's package (`scripts/setup.sh` installs it); as root, the server runs
//! as the `postgres` user, since PostgreSQL refuses to run as root.
//!
//! Only the standard library, so that other test and benchmark crates can include this file
//! with `#[path]`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The one role, made by initdb; connections from 127.0.0.1 are trusted.
const USER: &str = "chatcart";

pub struct Postgres {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    as_postgres: bool,
}

impl Postgres {
    /// Starts a server; panics, saying why, when it cannot.
    pub fn start() -> Postgres {
        static STARTED: AtomicUsize = AtomicUsize::new(0);
        let bin = bin_dir();
        let dir = std::env::temp_dir().join(format!(
            "chatcart-postgres-{}-{}",
            std::process::id(),
            STARTED.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a folder for the test database");
        let as_postgres = is_root();
        let mut server = Postgres {
            bin,
            dir,
            port: 0,
            as_postgres,
        };
        if as_postgres {
            server.must(
                "chown",
                Command::new("chown").arg("postgres:").arg(&server.dir),
            );
        }
        let data = server.data();
        server.must(
            "initdb",
            server
                .tool("initdb")
                .arg("-D")
                .arg(&data)
                .args(["-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C"])
                .arg("--no-sync"),
        );
        // Another process may take the free port before the server binds it: try again.
        for attempt in 1.. {
            server.port = free_port();
            let started = server
                .tool("pg_ctl")
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(server.dir.join("log"))
                .arg("-o")
                .arg(format!(
                    "-p {} -k {} -h 127.0.0.1",
                    server.port,
                    server.dir.display()
                ))
                .args(["-w", "-t", "60", "start"])
                .output()
                .expect("pg_ctl runs");
            if started.status.success() {
                break;
            }
            if attempt == 3 {
                panic!(
                    "PostgreSQL did not start: {}\n{}",
                    said(&started),
                    std::fs::read_to_string(server.dir.join("log")).unwrap_or_default()
                );
            }
        }
        server
    }

    /// A new, empty database called `name` (made anew if one was left), as a URL.
    pub fn database(&self, name: &str) -> String {
        let quoted = format!("\"{}\"", name.replace('"', "\"\""));
        self.must(
            "psql",
            Command::new(self.bin.join("psql"))
                .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1"])
                .args(["-p", &self.port.to_string(), "-U", USER, "-d", "postgres"])
                .args(["-c", &format!("DROP DATABASE IF EXISTS {quoted}")])
                .args(["-c", &format!("CREATE DATABASE {quoted}")]),
        );
        format!("postgres://{USER}@127.0.0.1:{}/{name}", self.port)
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// One of the server's programs, as the user that may run it.
    fn tool(&self, name: &str) -> Command {
        let program = self.bin.join(name);
        if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        }
    }

    fn must(&self, what: &str, command: &mut Command) {
        let output = command
            .output()
            .unwrap_or_else(|e| panic!("{what} could not run: {e}"));
        assert!(output.status.success(), "{what} failed: {}", said(&output));
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = self
            .tool("pg_ctl")
            .arg("-D")
            .arg(self.data())
            .args(["-m", "immediate", "-w", "stop"])
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The newest `/usr/lib/postgresql/VERSION/bin` that has initdb.
fn bin_dir() -> PathBuf {
    let root = Path::new("/usr/lib/postgresql");
    let newest = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version: u32 = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .max();
    match newest {
        Some((_, bin)) => bin,
        None => panic!(
            "PostgreSQL is not installed (no {}/*/bin/initdb); run scripts/setup.sh",
            root.display()
        ),
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

fn said(output: &Output) -> String {
    format!(
        "{}{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
