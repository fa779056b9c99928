//! The `docgen` command: a thin shell over the library.
//!
//! Exit status: 0 ok; 1 a diagnostic at or above `--deny` after suppressions (`generate`,
//! `check`, `lint`, whose default is `--deny error`), a crate that differs (`check`) or a
//! count below its baseline (`stats --baseline`), a change `diff --deny` fails; 2 usage
//! or I/O failure. Never 101: a panic would be a bug, and it is reported as an internal error.
//!
//! (This file is also compiled as the `docgen-under-test` binary of the `docgen-tests` package,
//! so the integration tests run this exact code; it uses only the `docgen` library's API.)

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use docgen::lint::{self, Deny, Linted};
use docgen::version::Version;
use docgen::{Config, Error};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "docgen",
    version,
    about = "Generates a typed Rust crate from Microsoft Graph style API reference Markdown",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Without a command: `generate` with these options.
    #[command(flatten)]
    generate: GenerateArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the crate (the default): docs-input/ -> generated/ at the workspace root.
    Generate(GenerateArgs),
    /// Exit 0 when the crate on disk is exactly what `generate` would write; else print a diff and exit 1.
    Check(CheckArgs),
    /// Print the API model as JSON.
    Ir(InputArgs),
    /// Print the input's diagnostics; exit 1 when errors remain after suppressions (see --deny).
    Lint(LintArgs),
    /// Print the figures of a run (pages, types, operations, examples, diagnostics, empty pages,
    /// time, peak memory); with --baseline, exit 1 when a count dropped by more than 1%.
    Stats(StatsArgs),
    /// Time `generate` (end to end and by stage) against the floor: pulldown-cmark over the
    /// pages plus prettyplease over the output, single-threaded.
    Bench(BenchArgs),
    /// Report what changes for the generated crate's users from the old docs to the new (each
    /// change breaking, additive or without effect) and the version bump it calls for.
    Diff(DiffArgs),
}

#[derive(Args)]
struct DiffArgs {
    /// The docs before: a folder of pages, or a `docgen ir` JSON file
    #[arg(long, value_name = "DIR|IR.json")]
    old: PathBuf,
    /// The docs after: a folder of pages, or a `docgen ir` JSON file
    #[arg(long, value_name = "DIR|IR.json")]
    new: PathBuf,
    /// `markdown`: a pull-request comment; `json`: one object for tools
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    format: DiffFormat,
    /// Exit 1 when a change of this impact (or stronger) remains that the version change
    /// (--old-version -> --new-version) does not cover [default: none]
    #[arg(long, value_enum, value_name = "IMPACT")]
    deny: Option<DiffDeny>,
    /// The crate's version before (e.g. the base branch's `generated/Cargo.toml`)
    #[arg(long, value_name = "VERSION", requires = "new_version", value_parser = parse_version)]
    old_version: Option<Version>,
    /// The crate's version after
    #[arg(long, value_name = "VERSION", requires = "old_version", value_parser = parse_version)]
    new_version: Option<Version>,
    /// Worker threads for reading pages [default: all cores]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    threads: Option<u16>,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffDeny {
    /// Nothing fails the command
    None,
    /// A breaking change fails it
    Breaking,
    /// A breaking or additive change fails it
    Additive,
}

fn parse_version(text: &str) -> Result<Version, String> {
    Version::parse(text)
}

#[derive(Args)]
struct BenchArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Repetitions of every measurement (the report gives min and median)
    #[arg(long, value_name = "N", default_value_t = 5,
          value_parser = clap::value_parser!(u16).range(1..=1000))]
    runs: u16,
}

#[derive(Args)]
struct InputArgs {
    /// Folder of doc pages [default: docs-input at the workspace root]
    #[arg(long, value_name = "DIR")]
    input: Option<PathBuf>,
    /// Worker threads [default: all cores]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    threads: Option<u16>,
}

#[derive(Args)]
struct OutputArgs {
    /// Folder of the generated crate [default: generated at the workspace root]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Package name of the generated crate
    #[arg(long, value_name = "NAME", default_value = "graph-bindings")]
    crate_name: String,
    /// Package version of the generated crate
    #[arg(long, value_name = "VERSION", default_value = "0.1.0", value_parser = parse_version)]
    crate_version: Version,
}

/// The CI gate: suppressions and the severity that fails the command.
#[derive(Args, Default)]
struct GateArgs {
    /// Exit 1 when a diagnostic at or above this severity remains after suppressions
    /// [default: none; error for lint]
    #[arg(long, value_enum, value_name = "SEVERITY")]
    deny: Option<DenyLevel>,
    /// Suppression file (`code path-glob  # reason` lines) [default:
    /// docgen-suppressions.txt in the input folder, when there is one]
    #[arg(long, value_name = "FILE")]
    suppressions: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum DenyLevel {
    /// Nothing fails the command
    None,
    /// Errors fail it
    Error,
    /// Warnings and errors fail it
    Warning,
}

impl GateArgs {
    fn deny(&self, default: Deny) -> Deny {
        match self.deny {
            None => default,
            Some(DenyLevel::None) => Deny::None,
            Some(DenyLevel::Error) => Deny::Error,
            Some(DenyLevel::Warning) => Deny::Warning,
        }
    }
}

#[derive(Args)]
struct GenerateArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    gate: GateArgs,
    /// Write even into a folder docgen refuses (the input, a workspace root, foreign files)
    #[arg(long)]
    force: bool,
    /// Neither read nor write the incremental cache (the crate is the same bytes either way)
    #[arg(long)]
    no_cache: bool,
    /// Folder for the incremental cache [default: `.docgen-cache` in the output folder]
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    cache_dir: Option<PathBuf>,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    gate: GateArgs,
}

#[derive(Args)]
struct LintArgs {
    #[command(flatten)]
    input: InputArgs,
    /// `human`: rustc-style lines and a report; `json`: JSON Lines, one object per diagnostic
    /// and a closing summary object; `sarif`: a SARIF 2.1.0 log; `github`: GitHub Actions
    /// workflow commands (annotations on the pull request)
    #[arg(long, value_enum, default_value_t = LintFormat::Human)]
    format: LintFormat,
    /// Only the counts (not with --format sarif)
    #[arg(long)]
    summary: bool,
    #[command(flatten)]
    gate: GateArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LintFormat {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Args)]
struct StatsArgs {
    #[command(flatten)]
    input: InputArgs,
    /// `human`: a table; `json`: one object
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Compare the counts with this baseline file (JSON)
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write the current counts to the --baseline file instead of comparing
    #[arg(long, requires = "baseline")]
    write_baseline: bool,
    /// Example tests that passed in `cargo test` of the generated crate (measured by
    /// .ci/corpus), reported and compared with the other counts
    #[arg(long, value_name = "N")]
    example_tests_passed: Option<u64>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    // Parse errors exit 2 (clap's own usage errors); --help and --version exit 0.
    let cli = Cli::parse();
    if let Some(Command::Lint(args)) = &cli.command {
        if args.summary && args.format == LintFormat::Sarif {
            let message = "--summary cannot be used with --format sarif (a SARIF log is whole)";
            Cli::command()
                .error(clap::error::ErrorKind::ArgumentConflict, message)
                .exit();
        }
    }
    std::panic::set_hook(Box::new(|info| {
        eprintln!("docgen: internal error (a bug in docgen, please report it): {info}");
    }));
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(code)) => ExitCode::from(code),
        Ok(Err(error)) => {
            eprintln!("docgen: error: {error}");
            ExitCode::from(2)
        }
        Err(_) => ExitCode::from(2),
    }
}

fn run(cli: Cli) -> Result<u8, Error> {
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
