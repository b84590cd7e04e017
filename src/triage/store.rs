//! The files figcheck writes (baselines, decisions, the HTML report): read
//! with errors that point into them, written whole and safely, and changed
//! under a lock.
//!
//! - A write goes to a temporary file in the target's folder, then a
//!   rename, so a crash never leaves half a file. Temporary files are named
//!   after their target (`.NAME.figcheck-tmp…`); one left by a killed run
//!   (older than a minute) is removed by the next write, which holds the
//!   lock.
//! - A symlink is written through: its target is replaced, the link stays.
//! - Only a regular file is replaced: a FIFO, device or folder at the path
//!   is refused with an error.
//! - An existing file keeps its permissions; a new one is 0644 (shared
//!   project files, not private ones).
//! - [`Lock`] is an advisory lock on the file, so two review servers, or a
//!   server and `check --write-baseline`, take turns over a
//!   read-modify-write instead of losing each other's updates.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use miette::{NamedSource, SourceSpan};

use super::baseline::BaselineError;

const TEMP_MARK: &str = ".figcheck-tmp";

/// Read and parse a TOML file, with an error that points into it.
pub fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, BaselineError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| BaselineError::Unreadable {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
    toml::from_str(&text).map_err(|e| BaselineError::Invalid {
        path: shown.clone(),
        message: e.message().to_string(),
        src: NamedSource::new(shown, text.clone()),
        span: e
            .span()
            .map_or(SourceSpan::from((0, 0)), |s| (s.start, s.len()).into()),
    })
}

/// Where a write to `path` lands: through any symlinks to their target.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    // A bounded walk: a loop of links is an error, not a hang.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&at)?;
                at = match at.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            Ok(_) => return Ok(at),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(at),
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "figcheck".into(), |n| n.to_string_lossy().into_owned())
}

/// The permissions of the regular file at `target`, `None` if there is
/// none; an error if something else is there.
fn regular_or_absent(target: &Path) -> std::io::Result<Option<std::fs::Permissions>> {
    match std::fs::metadata(target) {
        Ok(meta) if meta.is_file() => Ok(Some(meta.permissions())),
        Ok(meta) => {
            let what = if meta.is_dir() {
                "a folder"
            } else {
                "not a regular file"
            };
            Err(std::io::Error::other(format!(
                "{} is {what}; figcheck writes only regular files",
                target.display()
            )))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Write `text` to `path` safely (see the module documentation). The
/// caller should hold the path's [`Lock`] when other writers may exist.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let target = resolve(path)?;
    let existing = regular_or_absent(&target)?;
    let dir = folder_of(&target);
    let prefix = format!(".{}{TEMP_MARK}", file_name(&target));
    remove_leftovers(dir, &prefix);
    let mut tmp = tempfile::Builder::new().prefix(&prefix).tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    match existing {
        Some(permissions) => tmp.as_file().set_permissions(permissions)?,
        None => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                tmp.as_file()
                    .set_permissions(std::fs::Permissions::from_mode(0o644))?;
            }
        }
    }
    // On any error above, dropping `tmp` removes it.
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// Remove temporary files a killed run left beside the target. Best effort:
/// a file that cannot be removed is left for the next time.
fn remove_leftovers(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        // Only one left for a minute: a writer that does not take the
        // lock (another program, an older figcheck) may be mid-write.
        let stale = entry
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(60));
        let is_leftover = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(prefix))
            && entry.file_type().is_ok_and(|t| t.is_file())
            && stale;
        if is_leftover {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// An exclusive advisory lock for changing the file at a path, held until
/// dropped.
///
/// On Unix the file itself is locked (created empty if absent), and the
/// lock is taken again if, while waiting, another writer replaced the file
/// by a rename: the lock must be on the file the path names *now*. So no
/// lock file is left beside it. Elsewhere a sidecar `.NAME.lock` is locked.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Wait for the lock on `path` (its resolved target, so two names for
    /// one file share a lock).
    pub fn acquire(path: &Path) -> std::io::Result<Lock> {
        let target = resolve(path)?;
        regular_or_absent(&target)?;
        Lock::on(&target)
    }

    #[cfg(unix)]
    fn on(target: &Path) -> std::io::Result<Lock> {
        use std::os::unix::fs::MetadataExt;
        loop {
            // An existing file is opened to read, which is enough to lock
            // it, so a read-only file can still be replaced by a rename.
            let file = match File::open(target) {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => OpenOptions::new()
                    .create(true)
                    .truncate(false)
                    .append(true)
                    .open(target)?,
                Err(e) => return Err(e),
            };
            file.lock()?;
            let held = file.metadata()?;
            match std::fs::metadata(target) {
                Ok(now) if (now.dev(), now.ino()) == (held.dev(), held.ino()) => {
                    return Ok(Lock { _file: file })
                }
                // Replaced or removed while we waited: lock the new one.
                Ok(_) => continue,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            }
        }
    }

    #[cfg(not(unix))]
    fn on(target: &Path) -> std::io::Result<Lock> {
        let sidecar = folder_of(target).join(format!(".{}.lock", file_name(target)));
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(sidecar)?;
        file.lock()?;
        Ok(Lock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_new_file_and_cleans_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("base.toml");
        let leftover = dir.path().join(".base.toml.figcheck-tmpAbC123");
        std::fs::write(&leftover, "half").unwrap();
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&leftover)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
        // One being written now by a writer without the lock is left alone.
        let fresh = dir.path().join(".base.toml.figcheck-tmpXyZ789");
        std::fs::write(&fresh, "being written").unwrap();
        write_atomically(&path, "x = 1\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "x = 1\n");
        assert!(!leftover.exists());
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let mut names = names;
        names.sort();
        assert_eq!(names, [".base.toml.figcheck-tmpXyZ789", "base.toml"]);
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symlink_and_keeps_the_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink("real.toml", &link).unwrap();
        write_atomically(&link, "new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_what_is_not_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let err = write_atomically(&fifo, "x").unwrap_err();
            assert!(
                err.to_string()
                    .ends_with("is not a regular file; figcheck writes only regular files"),
                "{err}"
            );
            use std::os::unix::fs::FileTypeExt;
            assert!(std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo());
        }
        let err = write_atomically(dir.path(), "x").unwrap_err();
        assert!(
            err.to_string()
                .ends_with("is a folder; figcheck writes only regular files"),
            "{err}"
        );
        let err = write_atomically(Path::new("/dev/null"), "x").unwrap_err();
        assert_eq!(
            err.to_string(),
            "/dev/null is not a regular file; figcheck writes only regular files"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_can_be_locked_and_replaced() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("decisions.toml");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let _lock = Lock::acquire(&path).unwrap();
        write_atomically(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn two_writers_under_the_lock_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("list.txt");
        write_atomically(&path, "").unwrap();
        let writers: Vec<_> = (0..2)
            .map(|w| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for i in 0..50 {
                        let _lock = Lock::acquire(&path).unwrap();
                        let mut text = std::fs::read_to_string(&path).unwrap();
                        // Widen the window between read and write.
                        std::thread::yield_now();
                        text.push_str(&format!("{w}-{i}\n"));
                        write_atomically(&path, &text).unwrap();
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().unwrap();
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 100);
    }
}
