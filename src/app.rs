//! The top of the house: one parsed command line runs one command. Every other module
//! sits below this one (see the layer list in README.md, "Architecture").

use crate::cli::{Cli, Command, RulesCommand};
use crate::{batch, commands, serve};

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check(args) => batch::check(args),
        Command::Explain { rule, rules } => commands::explain(&rule, &rules),
        Command::Rules {
            command: RulesCommand::List { rules },
        } => commands::list(&rules),
        Command::Rules {
            command: RulesCommand::Test { dir },
        } => commands::self_test(dir.as_deref()),
        Command::Dump {
            file,
            profile,
            text,
            previous,
        } => {
            if file.is_dir() && !text {
                commands::dump_pairs(&file)
            } else {
                commands::dump(&file, profile, text, previous.as_deref())
            }
        }
        Command::Serve(args) => serve::run(args),
    }
}
