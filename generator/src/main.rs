//! The `docgen` command: a thin shell over the library.
//!
//! Exit status: 0 ok; 1 a diagnostic at or above `--deny` after suppressions (`generate`,
//! `check`, `lint`, whose default is `--deny error`), a crate that differs (`check`) or a
//! count below its baseline (`stats --baseline`), a change `diff --deny` fails; 2 usage
//! or I/O failure. Never 101: a panic would be a bug, and it is reported as an internal error.
//!
//! (This file is also compiled as the `docgen-under-test` binary of the `docgen-tests` package,
//! so the integration tests run this exact code; it uses only the `docgen` library's API.)

mod commands;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use docgen::lint::Deny;
use docgen::version::Version;
use std::path::PathBuf;
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
    match std::panic::catch_unwind(|| commands::run(cli)) {
        Ok(Ok(code)) => ExitCode::from(code),
        Ok(Err(error)) => {
            eprintln!("docgen: error: {error}");
            ExitCode::from(2)
        }
        Err(_) => ExitCode::from(2),
    }
}
