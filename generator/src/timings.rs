//! Stage timings of one run (issue 6), collected only when asked for
//! ([`crate::Config::timings`]); they never change the output.
//!
//! Stages that run in parallel (parse, facts, emit tokens, format) are timed per page or per file
//! and summed over the worker threads, so their `work` can exceed the wall time; each stage also
//! records the wall time of the phase it ran in.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The stages of `generate`, in pipeline order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Listing the input folder, reading and decoding every page.
    Read,
    /// Markdown -> blocks (pulldown-cmark and the docs' dialect).
    Parse,
    /// One page's blocks -> its facts.
    Facts,
    /// All facts -> the model (cross-page resolution, example validation).
    Resolve,
    /// The model -> a plan and Rust tokens per file.
    EmitTokens,
    /// Tokens -> `syn::File` -> prettyplease -> text.
    Format,
    /// Comparing with the output folder and writing what changed.
    Write,
    /// The incremental cache: hashing pages, loading, checking reused files, storing.
    Cache,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::Read,
        Stage::Parse,
        Stage::Facts,
        Stage::Resolve,
        Stage::EmitTokens,
        Stage::Format,
        Stage::Write,
        Stage::Cache,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Parse => "parse",
            Stage::Facts => "facts",
            Stage::Resolve => "resolve",
            Stage::EmitTokens => "emit tokens",
            Stage::Format => "format",
            Stage::Write => "write",
            Stage::Cache => "cache",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Time spent in one stage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StageTime {
    /// Summed over the threads that ran it.
    pub work: Duration,
    /// Wall time of the phase the stage ran in (shared by stages that run fused: parse and
    /// facts run page by page in one phase, emit tokens and format file by file in another).
    pub wall: Duration,
}

/// The timings of one run, by stage, and its wall time from start to end.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timings {
    pub stages: Vec<(Stage, StageTime)>,
    pub total: Duration,
}

impl Timings {
    pub fn get(&self, stage: Stage) -> StageTime {
        self.stages
            .iter()
            .find(|(s, _)| *s == stage)
            .map(|(_, t)| *t)
            .unwrap_or_default()
    }
}

/// Collects stage times from any thread. A disabled clock does nothing and costs a branch.
#[derive(Debug, Default)]
pub struct StageClock {
    enabled: bool,
    work: [AtomicU64; Stage::ALL.len()],
    wall: [AtomicU64; Stage::ALL.len()],
}

impl StageClock {
    pub fn new(enabled: bool) -> Self {
        StageClock {
            enabled,
            ..StageClock::default()
        }
    }

    pub fn disabled() -> Self {
        StageClock::new(false)
    }

    /// Runs `job`, adding its duration to the stage's work.
    pub fn work<T>(&self, stage: Stage, job: impl FnOnce() -> T) -> T {
        if !self.enabled {
            return job();
        }
        let start = Instant::now();
        let result = job();
        add(&self.work, stage, start.elapsed());
        result
    }

    /// Adds `elapsed`, measured by the caller, to the stage's work.
    pub fn add_work(&self, stage: Stage, elapsed: Duration) {
        if self.enabled {
            add(&self.work, stage, elapsed);
        }
    }

    /// Runs `job`, a whole phase, adding its duration to the wall time of each of `stages`.
    pub fn phase<T>(&self, stages: &[Stage], job: impl FnOnce() -> T) -> T {
        if !self.enabled {
            return job();
        }
        let start = Instant::now();
        let result = job();
        let elapsed = start.elapsed();
        for stage in stages {
            add(&self.wall, *stage, elapsed);
        }
        result
    }

    /// Runs `job`, a single-threaded stage: its work is its wall time.
    pub fn stage<T>(&self, stage: Stage, job: impl FnOnce() -> T) -> T {
        if !self.enabled {
            return job();
        }
        let start = Instant::now();
        let result = job();
        let elapsed = start.elapsed();
        add(&self.work, stage, elapsed);
        add(&self.wall, stage, elapsed);
        result
    }

    /// What was collected, with `total` as the run's wall time.
    pub fn report(&self, total: Duration) -> Option<Timings> {
        if !self.enabled {
            return None;
        }
        let load = |slots: &[AtomicU64; Stage::ALL.len()], stage: Stage| {
            slots.get(stage.index()).map_or(Duration::ZERO, |n| {
                Duration::from_nanos(n.load(Ordering::Relaxed))
            })
        };
        let stages = Stage::ALL
            .iter()
            .map(|&stage| {
                let time = StageTime {
                    work: load(&self.work, stage),
                    wall: load(&self.wall, stage),
                };
                (stage, time)
            })
            .collect();
        Some(Timings { stages, total })
    }
}

fn add(slots: &[AtomicU64; Stage::ALL.len()], stage: Stage, elapsed: Duration) {
    let nanos = u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX);
    if let Some(slot) = slots.get(stage.index()) {
        slot.fetch_add(nanos, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disabled_clock_reports_nothing_and_still_runs_the_job() {
        let clock = StageClock::disabled();
        assert_eq!(clock.work(Stage::Parse, || 41 + 1), 42);
        assert_eq!(clock.report(Duration::from_secs(1)), None);
    }

    #[test]
    fn work_adds_up_per_stage_and_phases_set_the_wall_time() {
        let clock = StageClock::new(true);
        let pause = Duration::from_millis(2);
        clock.phase(&[Stage::Parse, Stage::Facts], || {
            clock.work(Stage::Parse, || std::thread::sleep(pause));
            clock.work(Stage::Parse, || std::thread::sleep(pause));
            clock.work(Stage::Facts, || std::thread::sleep(pause));
        });
        clock.stage(Stage::Write, || std::thread::sleep(pause));
        let timings = clock.report(Duration::from_secs(1)).unwrap();
        let parse = timings.get(Stage::Parse);
        let facts = timings.get(Stage::Facts);
        assert!(parse.work >= 2 * pause && facts.work >= pause);
        assert!(parse.wall >= parse.work + facts.work);
        assert_eq!(parse.wall, facts.wall);
        let write = timings.get(Stage::Write);
        assert_eq!(write.work, write.wall);
        assert_eq!(timings.get(Stage::Resolve), StageTime::default());
        assert_eq!(timings.stages.len(), Stage::ALL.len());
    }
}
