//! The `article-worker` binary: parse the command line and hand over to the library.

fn main() -> std::process::ExitCode {
    article_worker::cli::main()
}
