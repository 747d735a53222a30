//! The `article-worker` binary: parse the command line and hand over to the library.

/// mimalloc instead of glibc's allocator: a message's buffers are often allocated on one
/// runtime thread and freed on another, and the worker allocates and frees many small strings
/// per article; mimalloc's per-thread free lists make both cheap.
/// Built with its `no_thp` feature: mimalloc otherwise asks for transparent huge pages, and the
/// kernel then zeroes a whole 2 MiB page each time a purged range is touched again (the figures
/// are in BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    article_worker::cli::main()
}
