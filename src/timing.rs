//! Stage timings for `--timings`: how long each stage of a build took and the process's peak
//! memory when it ended.

use std::time::{Duration, Instant};

/// One finished stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// Stage name (`parse`, `render`…).
    pub stage: &'static str,
    /// Wall time.
    pub time: Duration,
    /// Peak resident memory of the process so far, in bytes (Linux only).
    pub peak: Option<u64>,
}

impl Timing {
    /// The stage `stage` that began at `start` and ends now.
    pub fn since(stage: &'static str, start: Instant) -> Timing {
        Timing {
            stage,
            time: start.elapsed(),
            peak: peak_memory(),
        }
    }
}

/// The process's peak resident memory so far (`VmHWM`), where the system reports it.
pub(crate) fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_memory_grows_with_an_allocation() {
        let Some(before) = peak_memory() else {
            return; // not Linux
        };
        let big = vec![1u8; 64 << 20];
        let after = peak_memory().unwrap();
        assert!(after >= before && after >= 64 << 20, "{before} → {after}");
        drop(std::hint::black_box(big));
    }
}
