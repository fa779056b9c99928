//! The subcommands' handlers; `main.rs` holds the arguments they take and the exit policy.

use crate::{
    Cli, Command, DiffArgs, DiffDeny, DiffFormat, Format, GateArgs, InputArgs, LintFormat,
    OutputArgs, StatsArgs,
};
use docgen::lint::{self, Deny, Linted};
use docgen::{Config, Error};
use std::io::Write;
use std::path::{Path, PathBuf};

pub(crate) fn run(cli: Cli) -> Result<u8, Error> {
    let root = workspace_root();
    match cli.command.unwrap_or(Command::Generate(cli.generate)) {
        Command::Generate(args) => {
            let config = config(&root, &args.input, Some(&args.output), &args.gate);
            // Read first: a suppression file that cannot be read stops the run before it writes.
            let suppressions = config.load_suppressions()?;
            let mut config = config.force(args.force).cache(!args.no_cache);
            if let Some(dir) = &args.cache_dir {
                config = config.cache_dir(dir);
            }
            let report = config.generate()?;
            for note in &report.cache.notes {
                eprintln!("docgen: note: {note}");
            }
            let errors_or_warnings = report.count(docgen::diag::Severity::Error)
                + report.count(docgen::diag::Severity::Warning);
            let out_dir = output_dir(&root, &args.output);
            print(&format!("{}: {}\n", out_dir.display(), report.files_line()))?;
            if errors_or_warnings > 0 {
                print("(`docgen lint` lists the warnings and errors)\n")?;
            }
            print(&format!("{}\n", report.summary_line()))?;
            Ok(gate(
                &suppressions.apply(&report.diagnostics),
                args.gate.deny(Deny::None),
            ))
        }
        Command::Check(args) => {
            let config = config(&root, &args.input, Some(&args.output), &args.gate);
            let suppressions = config.load_suppressions()?;
            let outcome = config.check()?;
            print(&outcome.check.render())?;
            let linted = suppressions.apply(&outcome.report.diagnostics);
            let denied = gate(&linted, args.gate.deny(Deny::None));
            Ok(if outcome.check.is_clean() { denied } else { 1 })
        }
        Command::Ir(args) => {
            let model = config(&root, &args, None, &GateArgs::default()).model()?;
            let json = serde_json::to_string_pretty(&model).map_err(|e| Error::Io {
                path: PathBuf::from("<stdout>"),
                source: std::io::Error::other(e),
            })?;
            print(&format!("{json}\n"))?;
            Ok(0)
        }
        Command::Lint(args) => {
            let config = config(&root, &args.input, None, &args.gate);
            let linted = config.lint()?;
            let options = lint::RenderOptions {
                format: match args.format {
                    LintFormat::Human => lint::Format::Human,
                    LintFormat::Json => lint::Format::Json,
                    LintFormat::Sarif => lint::Format::Sarif,
                    LintFormat::Github => lint::Format::Github,
                },
                summary_only: args.summary,
                // Paths in SARIF and GitHub annotations are from the folder docgen runs in.
                input: lint::location::slash_path(&shorter(config.input())),
            };
            print(&lint::render(&linted, &options))?;
            Ok(gate(&linted, args.gate.deny(Deny::Error)))
        }
        Command::Stats(args) => stats(&root, &args),
        Command::Diff(args) => diff(args),
        Command::Bench(args) => {
            let input = config(&root, &args.input, None, &GateArgs::default());
            let report = docgen::bench::run(&docgen::bench::BenchOptions {
                input: input.input().to_path_buf(),
                runs: usize::from(args.runs),
                threads: args.input.threads.map_or(0, usize::from),
            })?;
            print(&report.render())?;
            Ok(0)
        }
    }
}

/// `docgen stats`: the report, then the baseline comparison (or its rewrite).
fn stats(root: &Path, args: &StatsArgs) -> Result<u8, Error> {
    use docgen::stats::baseline::{self, Baseline};
    let input = config(root, &args.input, None, &GateArgs::default())
        .input()
        .to_path_buf();
    let threads = args.input.threads.map_or(0, usize::from);
    let mut stats = docgen::stats::collect(&input, threads)?;
    if let Some(passed) = args.example_tests_passed {
        stats
            .counts
            .insert(baseline::EXAMPLE_TESTS_PASSED.to_string(), passed);
    }
    print(&match args.format {
        Format::Human => docgen::stats::render_human(&stats, &input.display().to_string()),
        Format::Json => docgen::stats::render_json(&stats),
    })?;
    let Some(file) = &args.baseline else {
        return Ok(0);
    };
    // The report went to stdout; the comparison goes to stderr so `--format json` stays JSON.
    if args.write_baseline {
        let new = Baseline {
            input: input.display().to_string(),
            counts: stats.counts.clone(),
        };
        std::fs::write(file, new.to_json()).map_err(|source| Error::Io {
            path: file.clone(),
            source,
        })?;
        eprintln!("baseline written to {}", file.display());
        return Ok(0);
    }
    let text = std::fs::read_to_string(file).map_err(|source| Error::Io {
        path: file.clone(),
        source,
    })?;
    let old = Baseline::parse(&text).map_err(|reason| Error::Io {
        path: file.clone(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, reason),
    })?;
    let comparisons = baseline::compare(&old, &stats.counts);
    eprintln!("against the baseline {}:", file.display());
    for comparison in &comparisons {
        eprintln!("{}", comparison.line());
    }
    if baseline::regressed(&comparisons) {
        eprintln!(
            "docgen stats: a count dropped by more than {}% against {}",
            baseline::TOLERANCE_PERCENT,
            file.display()
        );
        return Ok(1);
    }
    Ok(0)
}

/// `docgen diff`: the report on stdout; 1 when `--deny` fails it, saying why on stderr.
fn diff(args: DiffArgs) -> Result<u8, Error> {
    use docgen::diff::command::{run, Format, Request};
    use docgen::diff::Deny;
    let outcome = run(&Request {
        old: args.old,
        new: args.new,
        format: match args.format {
            DiffFormat::Markdown => Format::Markdown,
            DiffFormat::Json => Format::Json,
        },
        deny: match args.deny {
            None | Some(DiffDeny::None) => Deny::None,
            Some(DiffDeny::Breaking) => Deny::Breaking,
            Some(DiffDeny::Additive) => Deny::Additive,
        },
        versions: args.old_version.zip(args.new_version),
        threads: args.threads.map_or(0, usize::from),
    })?;
    print(&outcome.output)?;
    let denied = outcome.denied.map(|why| eprintln!("docgen: {why}"));
    Ok(u8::from(denied.is_some()))
}

/// 1, saying why on stderr, when what remains after suppressions fails `deny`; else 0.
fn gate(linted: &Linted, deny: Deny) -> u8 {
    match linted.denied(deny) {
        Some(why) => {
            eprintln!("docgen: {why}");
            1
        }
        None => 0,
    }
}

fn config(root: &Path, input: &InputArgs, output: Option<&OutputArgs>, gate: &GateArgs) -> Config {
    let input_dir = input
        .input
        .clone()
        .unwrap_or_else(|| shorter(&root.join("docs-input")));
    let mut config = Config::new(input_dir).threads(input.threads.map_or(0, usize::from));
    if let Some(output) = output {
        config = config
            .out_dir(output_dir(root, output))
            .crate_name(output.crate_name.clone())
            .crate_version(output.crate_version.clone());
    }
    match &gate.suppressions {
        Some(file) => config.suppressions(file),
        None => config,
    }
}

fn output_dir(root: &Path, output: &OutputArgs) -> PathBuf {
    output
        .out
        .clone()
        .unwrap_or_else(|| shorter(&root.join("generated")))
}

/// Relative to the current folder when it is below it, for shorter messages.
fn shorter(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    match path.strip_prefix(&cwd) {
        Ok(relative) if !relative.as_os_str().is_empty() => relative.to_path_buf(),
        _ => path.to_path_buf(),
    }
}

/// The workspace root: the nearest folder up from the current one that holds `docs-input/` and
/// a Cargo.toml with `[workspace]`; else the folder above this package at build time.
fn workspace_root() -> PathBuf {
    let start = std::env::current_dir().unwrap_or_default();
    for dir in start.ancestors() {
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
        if dir.join("docs-input").is_dir() && manifest.lines().any(|l| l.trim() == "[workspace]") {
            return dir.to_path_buf();
        }
    }
    let built_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    built_in.canonicalize().unwrap_or(built_in)
}

/// Writes to stdout. A closed pipe (`docgen lint | head`) is not an error (and not a panic, as
/// `println!` would make it): the exit status still says what the command found.
fn print(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Io {
            path: PathBuf::from("<stdout>"),
            source: e,
        }),
        _ => Ok(()),
    }
}
