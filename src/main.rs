//! The figcheck command: parse arguments, run, and map the outcome to an
//! exit status (0 clean, 1 error findings, 2 the run itself failed).

use std::process::ExitCode;

fn main() -> ExitCode {
    figcheck::cli::main()
}
