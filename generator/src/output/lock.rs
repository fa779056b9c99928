//! One writer at a time per output folder: an OS file lock on `.docgen-lock`.
//!
//! `File::try_lock` (flock on Unix, LockFileEx on Windows) is released by the OS when the process
//! dies, so a killed run never leaves a stale lock. The file itself stays: deleting it would let
//! a waiting run lock the deleted file while a third run locks a new one.

use super::contract::LOCK_NAME;
use super::limits::LOCK_POLL;
use crate::error::Error;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

/// Held while it lives; dropping it closes the file, which releases the lock.
#[derive(Debug)]
pub(crate) struct OutputLock {
    _file: File,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// For writing; creates the lock file.
    Exclusive,
    /// For reading (`check`); never creates anything, so it returns `None` without a lock file.
    Shared,
}

pub(crate) fn acquire(
    out_dir: &Path,
    mode: Mode,
    wait: Duration,
) -> Result<Option<OutputLock>, Error> {
    let path = out_dir.join(LOCK_NAME);
    let io = |source| Error::Io {
        path: path.clone(),
        source,
    };
    match super::paths::metadata(&path)? {
        Some(meta) if meta.file_type().is_symlink() => return Err(Error::Symlink { path }),
        Some(meta) if !meta.is_file() => {
            let reason = "the lock file is not a regular file".to_string();
            return Err(Error::UnsafePath {
                path: LOCK_NAME.to_string(),
                reason,
            });
        }
        None if mode == Mode::Shared => return Ok(None),
        _ => {}
    }
    let file = match mode {
        Mode::Exclusive => OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path),
        Mode::Shared => OpenOptions::new().read(true).open(&path),
    }
    .map_err(io)?;
    let started = Instant::now();
    loop {
        let attempt = match mode {
            Mode::Exclusive => file.try_lock(),
            Mode::Shared => file.try_lock_shared(),
        };
        match attempt {
            Ok(()) => return Ok(Some(OutputLock { _file: file })),
            Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                std::thread::sleep(LOCK_POLL)
            }
            Err(TryLockError::WouldBlock) => {
                return Err(Error::Locked {
                    lock_file: path,
                    waited: wait,
                })
            }
            Err(TryLockError::Error(source)) => return Err(io(source)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::testdir::TestDir;

    #[test]
    fn a_second_writer_waits_then_gives_up_with_the_lock_file_named() {
        let dir = TestDir::new();
        let held = acquire(dir.path(), Mode::Exclusive, Duration::ZERO).unwrap();
        assert!(held.is_some());
        let started = Instant::now();
        let second = acquire(dir.path(), Mode::Exclusive, Duration::from_millis(100));
        assert!(started.elapsed() >= Duration::from_millis(100));
        let message = second.unwrap_err().to_string();
        assert!(
            message.contains(LOCK_NAME) && message.contains("another docgen run"),
            "{message}"
        );
        assert!(acquire(dir.path(), Mode::Shared, Duration::ZERO).is_err());
        drop(held);
        assert!(acquire(dir.path(), Mode::Exclusive, Duration::ZERO).is_ok());
    }

    #[test]
    fn shared_mode_creates_nothing() {
        let dir = TestDir::new();
        assert!(acquire(dir.path(), Mode::Shared, Duration::ZERO)
            .unwrap()
            .is_none());
        assert!(!dir.path().join(LOCK_NAME).exists());
    }
}
