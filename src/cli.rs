//! The command line: clap arguments → settings → a run → an exit status.
//!
//! Exit statuses are decided here and only here: 0 when no error finding,
//! 1 when at least one, 2 when the run itself failed (bad arguments,
//! unreadable rules, no readable input).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use miette::Report;

use crate::findings::Summary;
use crate::measure::Lexicon;
use crate::report;
use crate::rules::{self, CheckOptions};
use crate::{Corpus, LoadOptions};

#[derive(Debug, Parser)]
#[command(
    name = "figcheck",
    version,
    about = "Check the figures in news writing"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClaimsFormat {
    /// A readable table (the default on a terminal).
    Table,
    /// One JSON object per claim.
    Jsonl,
}

/// Options shared by every command that reads articles.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Articles or folders (folders are read recursively: .md, .markdown, .txt).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Publication date of one file, overriding front matter and dateline.
    #[arg(long = "date", value_name = "FILE=YYYY-MM-DD", value_parser = parse_date_override)]
    pub dates: Vec<(PathBuf, NaiveDate)>,
    /// A folder of extra rule files (*.toml) added to the default pack.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// rustc-style diagnostics with every passage involved.
    Human,
    /// One JSON object: findings and a summary.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare the figures across all files: conflicts, agreements, and
    /// (with --against) figures no source supports.
    Check {
        #[command(flatten)]
        input: InputArgs,
        /// Sources to check the PATHS against; PATHS are then drafts whose
        /// every figure needs a source.
        #[arg(long, value_name = "PATH", num_args = 1..)]
        against: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
    },
    /// List every rule with its code, default severity and summary.
    Rules,
    /// Print a rule's documentation and examples.
    Explain {
        /// A code ("FC201") or rule name ("figure-conflict").
        code: String,
    },
    /// List every figure found, normalised and placed in time.
    Claims {
        #[command(flatten)]
        input: InputArgs,
        /// Output format [default: table on a terminal, jsonl otherwise].
        #[arg(long, value_enum)]
        format: Option<ClaimsFormat>,
    },
}

fn parse_date_override(s: &str) -> Result<(PathBuf, NaiveDate), String> {
    let (file, date) = s
        .rsplit_once('=')
        .ok_or_else(|| format!("expected FILE=YYYY-MM-DD, got {s:?}"))?;
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|e| format!("{date:?} is not a date (YYYY-MM-DD): {e}"))?;
    Ok((PathBuf::from(file), d))
}

/// Entry point used by `main`.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    install_miette_hook();
    match run(cli) {
        Ok(code) => code,
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}

fn install_miette_hook() {
    let color = io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let _ = miette::set_hook(Box::new(move |_| {
        Box::new(
            miette::MietteHandlerOpts::new()
                .color(color)
                .unicode(color)
                .terminal_links(false)
                .width(100)
                .build(),
        )
    }));
}

fn load(input: &InputArgs) -> Result<(Corpus, Lexicon), Report> {
    let lexicon = Lexicon::load(&input.rules).map_err(Report::new)?;
    let opts = LoadOptions {
        dates: input.dates.clone(),
        ..LoadOptions::default()
    };
    let mut corpus = Corpus::load(&input.paths, &lexicon, &opts);
    for e in std::mem::take(&mut corpus.errors) {
        eprintln!("{:?}", Report::new(e).wrap_err("warning: skipped"));
    }
    if corpus.docs.is_empty() {
        return Err(miette::miette!(
            code = "figcheck::input::none",
            help = "give article files or folders holding .md, .markdown or .txt files",
            "no readable article among the inputs"
        ));
    }
    Ok((corpus, lexicon))
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode, Report> {
    match cli.command {
        Command::Rules => {
            let mut out = String::new();
            for r in rules::RULES {
                out.push_str(&format!(
                    "{}  {:<20} {:<8} {}\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.summary
                ));
            }
            finish_output(io::stdout().write_all(out.as_bytes()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { code } => {
            let Some(r) = rules::codes::find(&code) else {
                return Err(miette::miette!(
                    code = "figcheck::explain::unknown",
                    help = "`figcheck rules` lists the codes",
                    "no rule {code:?}"
                ));
            };
            let text = format!(
                "# {} {}\n\nDefault severity: {}. {}.\n\n{}",
                r.code,
                r.name,
                r.severity.as_str(),
                r.summary,
                r.doc
            );
            finish_output(io::stdout().write_all(text.as_bytes()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            mut input,
            against,
            format,
        } => {
            let drafts_count = input.paths.len();
            let draft_paths = input.paths.clone();
            input.paths.extend(against.iter().cloned());
            let (corpus, lexicon) = load(&input)?;
            let mut options = CheckOptions::default();
            if !against.is_empty() {
                let (draft_files, _) = crate::source::expand_paths(&draft_paths[..drafts_count]);
                options.drafts = corpus
                    .docs
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| draft_files.contains(&d.path))
                    .map(|(i, _)| i)
                    .collect();
            }
            let findings = rules::check(&corpus, &lexicon, &options);
            let summary = Summary::new(corpus.docs.len(), corpus.claims.len(), &findings);
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let written = match format {
                CheckFormat::Human => {
                    let color =
                        io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                    report::human::write(&mut out, &findings, &corpus, color, &summary)
                }
                CheckFormat::Json => report::json::write(&mut out, &findings, &corpus, &summary),
            };
            finish_output(written.and_then(|_| out.flush()))?;
            Ok(if summary.errors > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Claims { input, format } => {
            let (corpus, _) = load(&input)?;
            let format = format.unwrap_or(if io::stdout().is_terminal() {
                ClaimsFormat::Table
            } else {
                ClaimsFormat::Jsonl
            });
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let written = match format {
                ClaimsFormat::Table => {
                    report::claims::write_table(&mut out, &corpus.claims, &corpus.docs)
                }
                ClaimsFormat::Jsonl => {
                    report::claims::write_jsonl(&mut out, &corpus.claims, &corpus.docs)
                }
            };
            finish_output(written.and_then(|_| out.flush()))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A closed pipe (`figcheck claims | head`) is not an error.
fn finish_output(r: io::Result<()>) -> Result<(), Report> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(miette::miette!("cannot write output: {e}")),
        Ok(()) => Ok(()),
    }
}
