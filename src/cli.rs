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
        /// 文件；给目录时输出其中各报告按机关、年度的配对（跨年度核对用）
        file: PathBuf,
        /// 上年度的报告：同时输出本报告与它能否配对
        #[arg(long, value_name = "FILE")]
        previous: Option<PathBuf>,
        #[arg(long, value_name = "PROFILE")]
        profile: Option<String>,
        /// 输出读取到的文字（.docx/.html/.pdf 转换后的文本，表格每行一行、单元格以制表符分隔），而不是 JSON
        #[arg(long)]
        text: bool,
    },
    /// 启动网页版：在浏览器中选择草稿，查看每个问题在原文中的位置
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// 监听地址（默认只允许本机访问；在内网提供服务时可用 0.0.0.0:8610）
    #[arg(long, default_value = "127.0.0.1:8610", value_name = "ADDR")]
    pub bind: String,
    /// 启动后打开默认浏览器
    #[arg(long)]
    pub open: bool,
    /// 单个上传文件的大小上限（如 20MB、512KB）
    #[arg(long, default_value = "20MB", value_name = "SIZE")]
    pub max_upload: String,
    /// 配置文件（规则开关、严重程度、格式、期限）
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// 追加的规则包目录
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
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
    /// 带原文摘录的中文报告（默认）
    Human,
    /// 每个问题一行：路径:行:列: 级别[规则] 说明
    Concise,
    /// 完整 JSON（schemas/diagnostics.schema.json）
    Json,
    /// 每个问题一行 JSON
    JsonLines,
    /// SARIF 2.1.0（GitHub 代码扫描等）
    Sarif,
    /// JUnit XML（CI 测试报告）
    Junit,
    /// GitHub Actions 工作流命令（注释）
    Github,
    /// GitLab Code Quality JSON
    Gitlab,
    /// Checkstyle XML（Jenkins Warnings NG）
    Checkstyle,
}

impl Format {
    /// Formats meant for programs: summaries then go to stderr to keep stdout parseable.
    pub fn is_machine(self) -> bool {
        !matches!(self, Format::Human | Format::Concise)
    }
}

/// `--output FORMAT:FILE`: an extra report written to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    pub format: Format,
    pub path: PathBuf,
}

fn parse_output(s: &str) -> Result<OutputSpec, String> {
    let Some((name, path)) = s.split_once(':') else {
        return Err("应为 格式:文件，例如 sarif:gongkai.sarif".into());
    };
    let format = Format::from_str(name, true).map_err(|_| {
        let names: Vec<String> = Format::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value())
            .map(|v| v.get_name().to_string())
            .collect();
        format!("未知的格式「{name}」，可选：{}", names.join("、"))
    })?;
    if path.is_empty() {
        return Err("缺少输出文件名，例如 sarif:gongkai.sarif".into());
    }
    Ok(OutputSpec {
        format,
        path: PathBuf::from(path),
    })
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
    /// 单个文件的大小上限（如 64MB、512KB，或字节数）
    #[arg(long, value_name = "SIZE", default_value_t = crate::source::DEFAULT_MAX_BYTES,
          value_parser = parse_file_size)]
    pub max_file_size: u64,
    /// 读取单个 PDF/.docx/HTML 文件的时间上限（秒）；超时的文件报告为「读取超时」，其余文件照常检查
    #[arg(long, value_name = "SECS", default_value_t = crate::worker::DEFAULT_TIMEOUT_SECS,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
    /// 读取单个 PDF/.docx/HTML 文件的内存上限（MB）；整批的峰值内存约为 --jobs × 此值
    #[arg(long, value_name = "MB", default_value_t = crate::worker::DEFAULT_MAX_MEMORY_MB,
          value_parser = clap::value_parser!(u64).range(64..))]
    pub max_memory: u64,
    /// 在本进程内读取 PDF/.docx/HTML（不隔离；一个恶意文件可能使整批检查中止，仅供调试）
    #[arg(long)]
    pub in_process: bool,
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    /// 并行检查的文件数（默认为 CPU 核数）
    #[arg(long)]
    pub jobs: Option<usize>,
    /// 另外以某种格式写入文件（可重复），例如 --output sarif:gongkai.sarif --output junit:junit.xml
    #[arg(long = "output", short = 'o', value_name = "FORMAT:FILE", value_parser = parse_output)]
    pub outputs: Vec<OutputSpec>,
    /// 配置文件（默认从当前目录向上查找 gongkai.yaml；被检查目录中的配置文件一律不读取）
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// 不读取任何配置文件（gongkai.yaml），只用内置规则和命令行选项
    #[arg(long = "isolated", visible_alias = "no-config")]
    pub no_config: bool,
    /// 输出每条规则的问题数
    #[arg(long)]
    pub statistics: bool,
    /// 输出每个文件一行的汇总表（机关、年度、格式、错误、警告、是否通过）
    #[arg(long)]
    pub summary: bool,
    /// 把汇总表写入 CSV 文件（每个文件一行、每条规则一列；UTF-8 带 BOM，Excel 可直接打开）
    #[arg(long, value_name = "FILE")]
    pub summary_csv: Option<PathBuf>,
    /// 写出一个独立的 HTML 报告（离线可看，可打印为 PDF）
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// 本机关上一年度的报告：与它核对上年结转、现行有效件数，查找照搬上年的内容
    /// （检查目录时，同一机关相邻年度的报告自动配对）
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// 只有警告（没有达到 --fail-on 的错误）时使用的退出码，例如 GitLab 的 allow_failure: exit_codes: [3]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..))]
    pub warnings_exit_code: Option<u8>,
}

/// `20MB`, `512KB`, `1GB`, or bytes.
pub fn parse_size(s: &str) -> Option<usize> {
    let t = s.trim().to_ascii_uppercase();
    let (num, mul) = if let Some(n) = t.strip_suffix("GB").or(t.strip_suffix('G')) {
        (n, 1usize << 30)
    } else if let Some(n) = t.strip_suffix("MB").or(t.strip_suffix('M')) {
        (n, 1 << 20)
    } else if let Some(n) = t.strip_suffix("KB").or(t.strip_suffix('K')) {
        (n, 1 << 10)
    } else {
        (t.strip_suffix('B').unwrap_or(&t), 1)
    };
    num.trim().parse::<usize>().ok()?.checked_mul(mul)
}

/// `--max-file-size`: a size as [`parse_size`] reads it, at least one byte.
fn parse_file_size(s: &str) -> Result<u64, String> {
    match parse_size(s) {
        Some(n) if n > 0 => Ok(n as u64),
        _ => Err(format!(
            "无法识别的大小「{s}」：请写成 64MB、512KB 或字节数"
        )),
    }
}
