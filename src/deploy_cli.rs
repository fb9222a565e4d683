//! What `dateline deploy` prints: the plan (with `--dry-run`), a progress bar on a terminal,
//! a warning when the sources changed since the build, and the summary line.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Instant;

use dateline::deploy::{Change, DeployEvent, DeployOptions, Deployed};

/// Runs `dateline deploy`.
pub(crate) fn cmd_deploy(opts: DeployOptions) -> ExitCode {
    let terminal = std::io::stderr().is_terminal();
    let dry_run = opts.dry_run;
    let last_draw = Mutex::new(None::<Instant>);
    let on_event = |e: DeployEvent<'_>| match e {
        DeployEvent::SourcesChanged(path) => eprintln!(
            "warning: {} changed after the build being deployed; run `dateline build` first to publish the change",
            path.display()
        ),
        DeployEvent::Planned(plan) if dry_run => {
            let mut out = std::io::stdout().lock();
            for (f, why) in &plan.uploads {
                let why = match why {
                    Change::New => "new",
                    Change::Changed => "changed",
                };
                let _ = writeln!(out, "upload {} ({why}, {})", f.key, size(f.len));
            }
            for k in &plan.deletes {
                let _ = writeln!(out, "delete {k}");
            }
        }
        DeployEvent::Planned(_) => {}
        DeployEvent::Progress {
            files,
            of_files,
            bytes,
            of_bytes,
        } if terminal => {
            let mut last = last_draw.lock().unwrap_or_else(|p| p.into_inner());
            let due = last.is_none_or(|t| t.elapsed().as_millis() >= 100) || files == of_files;
            if due {
                *last = Some(Instant::now());
                let filled = (bytes * 20).checked_div(of_bytes).unwrap_or(20) as usize;
                eprint!(
                    "\r\x1b[2Kuploading [{}{}] {files}/{of_files} files, {} of {}",
                    "#".repeat(filled),
                    "-".repeat(20 - filled.min(20)),
                    size(bytes),
                    size(of_bytes)
                );
                if files == of_files {
                    eprint!("\r\x1b[2K");
                }
            }
        }
        DeployEvent::Progress { .. } => {}
    };
    match dateline::deploy::deploy(&opts, &on_event) {
        Ok(d) => {
            println!("{}", summary(&d));
            ExitCode::SUCCESS
        }
        Err(d) => {
            if terminal {
                eprint!("\r\x1b[2K");
            }
            eprintln!("{d}");
            ExitCode::FAILURE
        }
    }
}

/// `Deployed to main: uploaded 12 (340 KB), deleted 2, unchanged 3,104 in 1.8 s`.
fn summary(d: &Deployed) -> String {
    let (verb, del) = if d.dry_run {
        ("would upload", "would delete")
    } else {
        ("uploaded", "deleted")
    };
    format!(
        "{}{}: {verb} {} ({}), {del} {}, unchanged {} in {:.1} s",
        if d.dry_run {
            "Dry run, nothing changed; "
        } else {
            "Deployed to "
        },
        d.target,
        thousands(d.uploaded),
        size(d.bytes),
        thousands(d.deleted),
        thousands(d.unchanged),
        d.elapsed.as_secs_f64()
    )
}

/// `3,104`.
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `340 KB`, `1.2 MB` (decimal units).
fn size(b: u64) -> String {
    match b {
        0..1_000 => format!("{b} B"),
        1_000..1_000_000 => format!("{} KB", b / 1_000),
        _ => format!("{:.1} MB", b as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn summary_line_reads_as_the_issue_shows() {
        let d = dateline::deploy::Deployed {
            target: "main".into(),
            uploaded: 12,
            bytes: 340_123,
            deleted: 2,
            unchanged: 3104,
            dry_run: false,
            elapsed: std::time::Duration::from_millis(1800),
        };
        assert_eq!(
            super::summary(&d),
            "Deployed to main: uploaded 12 (340 KB), deleted 2, unchanged 3,104 in 1.8 s"
        );
        assert_eq!(super::thousands(1_234_567), "1,234,567");
    }
}
