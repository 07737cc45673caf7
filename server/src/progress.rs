//! Progress of long command-line work (import, export, fill, backup, restore) on stderr.
//!
//! A step that ends within a second prints nothing. One that runs longer shows its name and
//! the seconds so far, updated in place on a terminal (once every five seconds into a log),
//! and says how long it took when it ends. Stdout stays the command's output (`--json`).

use std::io::{IsTerminal, Write};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Quiet for this long; after it, the step is shown.
const QUIET: Duration = Duration::from_secs(1);

/// A running step. [`Step::done`] ends it (dropping it ends it too, without the closing line).
pub struct Step {
    name: String,
    started: Instant,
    stop: Option<mpsc::Sender<()>>,
    ticker: Option<JoinHandle<bool>>,
}

impl Step {
    /// Starts showing `name` (e.g. `Membaca big_900.xlsx`) once it has run for a second.
    pub fn start(name: impl Into<String>) -> Step {
        let name = name.into();
        let started = Instant::now();
        let (stop, stopped) = mpsc::channel::<()>();
        let terminal = std::io::stderr().is_terminal();
        let label = name.clone();
        let ticker = std::thread::spawn(move || {
            let every = if terminal {
                Duration::from_secs(1)
            } else {
                Duration::from_secs(5)
            };
            let mut wait = QUIET;
            let mut shown = false;
            loop {
                match stopped.recv_timeout(wait) {
                    Err(RecvTimeoutError::Timeout) => {
                        let secs = started.elapsed().as_secs();
                        let mut err = std::io::stderr().lock();
                        let _ = if terminal {
                            write!(err, "\r{label}… {secs} detik")
                        } else {
                            writeln!(err, "{label}… {secs} detik")
                        };
                        let _ = err.flush();
                        shown = true;
                        wait = every;
                    }
                    _ => return shown,
                }
            }
        });
        Step {
            name,
            started,
            stop: Some(stop),
            ticker: Some(ticker),
        }
    }

    /// Ends the step; when it was shown, says how long it took (`… selesai dalam 2,4 detik`).
    pub fn done(mut self) {
        let shown = self.finish();
        if shown {
            let secs = self.started.elapsed().as_secs_f64();
            let text = format!("{secs:.1}").replace('.', ",");
            let mut err = std::io::stderr().lock();
            let _ = writeln!(
                err,
                "{}{}: selesai dalam {text} detik.",
                if std::io::stderr().is_terminal() {
                    "\r"
                } else {
                    ""
                },
                self.name
            );
        }
    }

    /// Stops the ticker; whether it showed anything.
    fn finish(&mut self) -> bool {
        drop(self.stop.take());
        self.ticker
            .take()
            .and_then(|t| t.join().ok())
            .unwrap_or(false)
    }
}

impl Drop for Step {
    fn drop(&mut self) {
        if self.finish() && std::io::stderr().is_terminal() {
            let _ = writeln!(std::io::stderr());
        }
    }
}

/// Runs `work` as a step named `name`.
pub fn step<T>(name: impl Into<String>, work: impl FnOnce() -> T) -> T {
    let s = Step::start(name);
    let out = work();
    s.done();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quick_step_is_silent_and_a_slow_one_is_shown() {
        // Silent: the ticker never fired.
        let mut quick = Step::start("cepat");
        assert!(!quick.finish());
        // Shown: it ran past the quiet second.
        let mut slow = Step::start("lambat");
        std::thread::sleep(QUIET + Duration::from_millis(300));
        assert!(slow.finish());
    }
}
