#if canImport(Glibc)
    import Glibc
#endif

/// Keeps the resident memory of a long-running poller close to what it uses.
///
/// A poll of a large server allocates and frees hundreds of MiB within seconds; glibc keeps freed memory in its
/// arenas (one per thread by default), so without these calls the process stays at its peak size between polls.
/// `malloc.h` is not part of Swift's Glibc module, so the two functions are looked up at run time; on other C
/// libraries both calls do nothing.
public enum ProcessMemory {
    /// Limits glibc to two malloc arenas. Call once at start, before threads are spawned.
    public static func limitArenas() {
        #if canImport(Glibc)
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return }
            let mArenaMax: Int32 = -8  // M_ARENA_MAX in <malloc.h>
            _ = unsafeBitCast(symbol, to: Mallopt.self)(mArenaMax, 2)
        #endif
    }

    /// Returns freed heap memory to the operating system (after a poll).
    public static func releaseFreed() {
        #if canImport(Glibc)
            typealias MallocTrim = @convention(c) (Int) -> Int32
            guard let symbol = dlsym(nil, "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
