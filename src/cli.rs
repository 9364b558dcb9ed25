//! Command-line definitions (clap). No logic here.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "gongkai", version, about = "政府信息公开工作年度报告草稿检查工具（linter）", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查年度报告草稿（文件、目录或 - 表示标准输入）
    Check(CheckArgs),
    /// 说明一条规则：检查什么、为什么、法律依据、示例
    Explain {
        /// 规则 id，例如 missing-contact-block
        rule: String,
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
    /// 规则包：列出规则，或运行规则自带的示例
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// 以 JSON 输出草稿的结构与事实（大纲、报告年度、机关、日期、数字）
    Dump {
        file: PathBuf,
        #[arg(long, value_name = "PROFILE")]
        profile: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// 列出全部规则
    List {
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
    /// 运行每条规则的 examples：invalid 示例必须触发，valid 示例不得触发
    Test {
        /// 额外规则包目录（不给则只测试内置规则包）
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 要检查的文件或目录；- 表示从标准输入读取
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// 报告格式：pre-2019、2019-trial、2021（默认按报告年度自动选择）
    #[arg(long)]
    pub profile: Option<String>,
    /// 报告年度（草稿中无法识别时使用）
    #[arg(long)]
    pub year: Option<i32>,
    /// 额外的规则包目录（可重复）；同 id 的规则覆盖内置规则
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// 达到哪个级别时退出码为 1
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// 单个文件的大小上限（字节）
    #[arg(long, default_value_t = crate::source::DEFAULT_MAX_BYTES)]
    pub max_file_size: u64,
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    /// 并行检查的文件数（默认为 CPU 核数）
    #[arg(long)]
    pub jobs: Option<usize>,
}
