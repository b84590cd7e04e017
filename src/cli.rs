//! The command line: clap arguments → settings → a run → an exit status.
//!
//! Exit statuses are decided here and only here: 0 when no error finding,
//! 1 when at least one, 2 when the run itself failed (bad arguments,
//! unreadable rules or config, no readable input).

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use miette::Report;

use crate::checker::{Checked, Checker, Options, Until};
use crate::config::{self, Config, Level};
use crate::findings::{Finding, Severity};
use crate::report;
use crate::rules;
use crate::triage::baseline::Baseline;
use crate::triage::decisions::Decisions;
use crate::Corpus;

#[derive(Debug, Parser)]
#[command(
    name = "figcheck",
    version,
    about = "Check the figures in news writing"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ClaimsFormat {
    /// A readable table (the default on a terminal).
    Table,
    /// One JSON object per claim.
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CheckFormat {
    /// rustc-style diagnostics with every passage involved.
    Human,
    /// One JSON object: findings and a summary.
    Json,
    /// One JSON object per finding.
    Jsonl,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// One `path:line:col: CODE message` line per finding.
    Compact,
}

/// Options shared by every command that reads articles.
#[derive(Debug, clap::Args)]
pub(crate) struct InputArgs {
    /// Articles or folders (read recursively: .md, .markdown, .txt). Without
    /// any, the `paths` of figcheck.toml.
    pub(crate) paths: Vec<PathBuf>,
    /// Publication date of one file, overriding front matter and dateline; FILE may be a glob
    /// ('archive/2019/**') to date a batch (a file named exactly wins over a glob).
    #[arg(long = "date", value_name = "FILE=YYYY-MM-DD", value_parser = parse_date_override)]
    pub(crate) dates: Vec<(PathBuf, NaiveDate)>,
    /// A folder of extra rule files (*.toml) added to the default pack.
    #[arg(long = "rules", value_name = "DIR")]
    pub(crate) rules: Vec<PathBuf>,
    /// The configuration file [default: figcheck.toml here or in a parent folder].
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Ignore any figcheck.toml.
    #[arg(long, conflicts_with = "config")]
    pub(crate) no_config: bool,
    /// Print the configuration and every file read, with its date and claims, to stderr.
    #[arg(long, short)]
    pub(crate) verbose: bool,
}

/// What a run compares and which findings it keeps: shared by `check`,
/// `report` and `review`.
#[derive(Debug, clap::Args)]
pub(crate) struct ScopeArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Sources to check the PATHS against; PATHS are then drafts whose every
    /// figure needs a source.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub(crate) against: Vec<PathBuf>,
    /// Only these rules: codes, code prefixes (FC3) or names, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub(crate) select: Vec<String>,
    /// Not these rules: codes, prefixes or names, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub(crate) ignore: Vec<String>,
    /// Set a rule's severity: RULE=error|warning|info|off.
    #[arg(long, value_name = "RULE=LEVEL", value_parser = parse_severity)]
    pub(crate) severity: Vec<(String, Level)>,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Review decisions to apply [default: figcheck-decisions.toml beside
    /// the config, or here].
    #[arg(long, value_name = "FILE")]
    pub(crate) decisions: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) scope: ScopeArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub(crate) format: CheckFormat,
    /// Record today's errors and warnings in this baseline file, then exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub(crate) write_baseline: Option<PathBuf>,
    /// The reason written beside each finding by --write-baseline.
    #[arg(
        long,
        value_name = "TEXT",
        default_value = "accepted when the baseline was written"
    )]
    pub(crate) reason: String,
    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    pub(crate) statistics: bool,
    /// Print only errors and warnings, and no summary line.
    #[arg(long, short, conflicts_with = "verbose")]
    pub(crate) quiet: bool,
    /// Exit 0 even when there are errors (report-only runs).
    #[arg(long)]
    pub(crate) exit_zero: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Compare the figures across all files: conflicts, agreements,
    /// arithmetic, calendar, and (with --against) figures no source supports.
    Check(CheckArgs),
    /// Write the findings as one self-contained HTML page for editors.
    Report {
        #[command(flatten)]
        scope: ScopeArgs,
        /// The HTML file to write (a regular file, replaced whole; `-` for
        /// standard output).
        #[arg(long, short, value_name = "FILE")]
        output: PathBuf,
    },
    /// Serve the report on 127.0.0.1 with Accept / Dismiss buttons; each
    /// decision is written at once to the decisions file.
    Review {
        #[command(flatten)]
        scope: ScopeArgs,
        /// Port to listen on [default: any free port].
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
    /// List every figure found, normalised and placed in time.
    Claims {
        #[command(flatten)]
        input: InputArgs,
        /// Output format [default: table on a terminal, jsonl otherwise].
        #[arg(long, value_enum)]
        format: Option<ClaimsFormat>,
    },
    /// List every rule with its code, default severity and summary.
    Rules,
    /// Print a rule's documentation and examples.
    Explain {
        /// A code ("FC201") or rule name ("figure-conflict").
        code: String,
    },
    /// Print a shell completion script: `figcheck completions bash >
    /// ~/.local/share/bash-completion/completions/figcheck`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `figcheck man > figcheck.1`.
    Man,
    /// Serve the language server protocol over stdio, for editors: the
    /// workspace folder's articles are the sources.
    Lsp,
}

fn parse_date_override(s: &str) -> Result<(PathBuf, NaiveDate), String> {
    let (file, date) = s
        .rsplit_once('=')
        .ok_or_else(|| format!("expected FILE=YYYY-MM-DD, got {s:?}"))?;
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|e| format!("{date:?} is not a date (YYYY-MM-DD): {e}"))?;
    let path = PathBuf::from(file);
    if crate::is_date_pattern(&path) {
        globset::Glob::new(file).map_err(|e| format!("{file:?} is not a glob: {e}"))?;
    }
    if !crate::source::plausible_publication(d) {
        return Err(format!(
            "{date:?} is not a publication date: the year must have four digits"
        ));
    }
    Ok((PathBuf::from(file), d))
}

fn parse_severity(s: &str) -> Result<(String, Level), String> {
    let (rule, level) = s
        .split_once('=')
        .ok_or_else(|| format!("expected RULE=LEVEL, got {s:?}"))?;
    let info = rules::codes::find(rule)
        .ok_or_else(|| format!("no rule {rule:?} (see `figcheck rules`)"))?;
    let level = Level::parse(level)
        .ok_or_else(|| format!("{level:?} is not error, warning, info or off"))?;
    Ok((info.code.to_string(), level))
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

fn colour_wanted(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none()
}

fn install_miette_hook() {
    let color = colour_wanted(io::stderr().is_terminal());
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

/// The configuration in force: `--config`, else figcheck.toml found by
/// walking up from the working directory, else defaults.
fn config(input: &InputArgs) -> Result<Config, Report> {
    if input.no_config {
        return Ok(Config::default());
    }
    let path = match &input.config {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|d| config::discover(&d)),
    };
    match path {
        Some(p) => Config::load(&p).map_err(Report::new),
        None => Ok(Config::default()),
    }
}

/// The run's options from the command line.
fn options(input: &InputArgs, scope: Option<&ScopeArgs>) -> Options {
    let mut o = Options {
        paths: input.paths.clone(),
        dates: input.dates.clone(),
        rules: input.rules.clone(),
        ..Options::default()
    };
    if let Some(scope) = scope {
        o.against = scope.against.clone();
        o.select = scope.select.clone();
        o.ignore = scope.ignore.clone();
        o.severity = scope.severity.clone();
        o.baseline = scope.baseline.clone();
        o.decisions = scope.decisions.clone();
    }
    o
}

/// Set up the pipeline and read every input; the load's warnings go to
/// stderr, and with --verbose the configuration and every file read.
fn load(input: &InputArgs, scope: Option<&ScopeArgs>) -> Result<(Checker, Corpus), Report> {
    let mut options = options(input, scope);
    let bar = progress_bar();
    options.progress = bar.clone();
    let checker = Checker::new(config(input)?, options)?;
    let loaded = checker.load();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let (corpus, warnings) = loaded?;
    for w in warnings {
        eprintln!("{w:?}");
    }
    if input.verbose {
        match &checker.config().source {
            Some(p) => eprintln!("figcheck: config {}", p.display()),
            None => eprintln!("figcheck: no config file"),
        }
        for (i, d) in corpus.docs.iter().enumerate() {
            let claims = corpus.claims.iter().filter(|c| c.doc == i).count();
            let date = match d.date {
                Some((date, source)) => format!("{date} ({source:?})"),
                None => "no date".to_string(),
            };
            // Passages a scrape repeats are read once; say how many.
            let repeats = match d.repeated.len() {
                0 => String::new(),
                1 => ", 1 repeated passage read once".to_string(),
                n => format!(", {n} repeated passages read once"),
            };
            eprintln!(
                "figcheck: read {} — {date}, {claims} claims{repeats}",
                d.path
            );
        }
    }
    Ok((checker, corpus))
}

/// A progress bar for reading, on stderr when it is a terminal, shown only
/// once a run has taken a second (so short runs print nothing); never on
/// stdout, so machine formats are untouched.
fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::hidden();
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("figcheck: reading {pos}/{len} files {wide_bar}")
    {
        bar.set_style(style);
    }
    let shown = bar.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(1));
        if !shown.is_finished() {
            shown.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    });
    Some(bar)
}

/// Load, run the rules and triage as far as `until`; warnings to stderr.
fn analyse(scope: &ScopeArgs, until: Until) -> Result<Checked, Report> {
    let (checker, corpus) = load(&scope.input, Some(scope))?;
    let checked = checker.check(corpus, until)?;
    for w in &checked.warnings {
        eprintln!("{w:?}");
    }
    Ok(checked)
}

/// Run a parsed command line.
pub(crate) fn run(cli: Cli) -> Result<ExitCode, Report> {
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
            let made_by = match r.run {
                rules::Run::By(maker) => format!(" Found by {maker}'s comparison."),
                _ => String::new(),
            };
            let text = format!(
                "# {} {}\n\nDefault severity: {}. {}.{made_by}\n\n{}",
                r.code,
                r.name,
                r.severity.as_str(),
                r.summary,
                r.doc
            );
            finish_output(io::stdout().write_all(text.as_bytes()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Claims { input, format } => {
            let (_, corpus) = load(&input, None)?;
            if corpus.docs.is_empty() {
                return Err(miette::miette!(
                    code = "figcheck::input::none",
                    help = "give article files or folders holding .md, .markdown or .txt files",
                    "no readable article among the inputs"
                ));
            }
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
            // The process ends next: see `check`.
            std::mem::forget(corpus);
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "figcheck", &mut out);
            finish_output(io::stdout().write_all(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(|e| miette::miette!("cannot render the manual page: {e}"))?;
            finish_output(io::stdout().write_all(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Lsp => Ok(if crate::lsp::serve()? {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }),
        Command::Check(args) => check(args),
        Command::Report { scope, output } => write_report(scope, output),
        Command::Review { scope, port } => serve_review(scope, port),
    }
}

fn check(args: CheckArgs) -> Result<ExitCode, Report> {
    let until = if args.write_baseline.is_some() {
        Until::Suppressions
    } else {
        Until::Decisions
    };
    let a = analyse(&args.scope, until)?;
    if let Some(path) = &args.write_baseline {
        let accepted: Vec<Finding> = a
            .findings
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .cloned()
            .collect();
        let base = Baseline::from_findings(&accepted, &a.corpus, &args.reason);
        base.write(path).map_err(Report::new)?;
        eprintln!(
            "figcheck: wrote {} finding{} to {}",
            base.findings.len(),
            if base.findings.len() == 1 { "" } else { "s" },
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let summary = a.summary();
    let (corpus, mut findings) = (&a.corpus, a.findings);
    if args.quiet {
        findings.retain(|f| f.severity != Severity::Info);
    }

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = if args.statistics {
        write_statistics(&mut out, &findings)
    } else {
        match args.format {
            CheckFormat::Human => {
                let look = if io::stdout().is_terminal() {
                    report::human::Look::terminal(colour_wanted(true))
                } else {
                    report::human::Look::plain()
                };
                report::human::write(&mut out, &findings, corpus, look, &summary, !args.quiet)
            }
            CheckFormat::Json => report::json::write(&mut out, &findings, corpus, &summary),
            CheckFormat::Jsonl => report::json::write_lines(&mut out, &findings, corpus),
            CheckFormat::Sarif => report::sarif::write(&mut out, &findings, corpus),
            CheckFormat::Github => report::github::write(&mut out, &findings, corpus),
            CheckFormat::Compact => {
                report::compact::write(&mut out, &findings, corpus).and_then(|_| {
                    if args.quiet {
                        Ok(())
                    } else {
                        writeln!(out, "{}", report::human::summary_line(&summary))
                    }
                })
            }
        }
    };
    finish_output(written.and_then(|_| out.flush()))?;
    // The process ends next: freeing millions of claims and findings one
    // by one is time spent for nothing (3% of a large run).
    std::mem::forget(findings);
    std::mem::forget(a.corpus);
    Ok(if summary.errors > 0 && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_report(scope: ScopeArgs, output: PathBuf) -> Result<ExitCode, Report> {
    let a = analyse(&scope, Until::Decisions)?;
    let summary = a.summary();
    let decisions = Decisions::load(&a.decisions_path).map_err(Report::new)?;
    let page = report::html::render(&a.findings, &a.corpus, &summary, &decisions, None)
        .map_err(|e| miette::miette!("cannot render the report: {e}"))?;
    let shown = if output.as_os_str() == "-" {
        use std::io::Write;
        std::io::stdout()
            .lock()
            .write_all(page.as_bytes())
            .map_err(|e| miette::miette!("cannot write the report: {e}"))?;
        "standard output".to_string()
    } else {
        let cannot = |e: std::io::Error| miette::miette!("cannot write {}: {e}", output.display());
        let _lock = crate::triage::store::Lock::acquire(&output).map_err(cannot)?;
        crate::triage::store::write_atomically(&output, &page).map_err(cannot)?;
        output.display().to_string()
    };
    eprintln!(
        "figcheck: wrote {shown} ({})",
        report::human::summary_line(&summary)
    );
    Ok(ExitCode::SUCCESS)
}

fn serve_review(scope: ScopeArgs, port: u16) -> Result<ExitCode, Report> {
    let a = analyse(&scope, Until::Baseline)?;
    // A malformed decisions file stops the server before it starts: it
    // would otherwise answer every request with an error.
    Decisions::load(&a.decisions_path).map_err(Report::new)?;
    let summary = a.summary();
    let who = std::env::var("FIGCHECK_USER")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "editor".to_string());
    let session = crate::review::Session {
        corpus: a.corpus,
        findings: a.findings,
        summary,
        decisions_path: a.decisions_path.clone(),
        who,
    };
    let reviewer = crate::review::Reviewer::bind(port, session)
        .map_err(|e| miette::miette!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    println!(
        "figcheck review: {} (decisions go to {}; Ctrl-C stops)",
        reviewer.url(),
        a.decisions_path.display()
    );
    let _ = io::stdout().flush();
    reviewer
        .run()
        .map_err(|e| miette::miette!("figcheck review stopped: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// `--statistics`: findings per rule, most first.
fn write_statistics(out: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in findings {
        *counts.entry((f.code, f.rule)).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for ((code, rule), n) in rows {
        writeln!(out, "{n:>5}  {code}  {rule}")?;
    }
    Ok(())
}

/// A closed pipe (`figcheck claims | head`) is not an error.
fn finish_output(r: io::Result<()>) -> Result<(), Report> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(miette::miette!("cannot write output: {e}")),
        Ok(()) => Ok(()),
    }
}
