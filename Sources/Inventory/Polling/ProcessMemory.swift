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
    /// Limits glibc to two malloc arenas and keeps large blocks out of them. Call once at start, before threads are
    /// spawned.
    ///
    /// glibc raises its mmap threshold to the size of every large block freed (up to 32 MiB), so after the first
    /// poll the arrays and buffers of later polls (fingerprints, remembered objects, response chunks) are carved from
    /// the arenas, where the long-lived blocks allocated between them keep the freed pages from going back: 6 to
    /// 26 MiB more resident memory with subscriptions beside 100,000 domains, varying from run to run. A fixed
    /// threshold (which also turns the raising off) gives such blocks their own mappings, returned when freed.
    ///
    /// At 32 KiB rather than 128 KiB: with 50 targets the medium blocks of many polls (response chunks, per-client
    /// owner lists) interleave in the arenas, and 85 of the 181 MiB anonymous memory after the baselines of 50 ×
    /// 12,000 objects was freed heap that `malloc_trim` could not return (whole pages were never free); at 32 KiB it
    /// was 128 MiB in all, with the same 96 MiB in use. One arena instead of two was worse (178 MiB).
    public static func limitArenas() {
        #if canImport(Glibc)
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            let mArenaMax: Int32 = -8  // M_ARENA_MAX in <malloc.h>
            let mMmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
            _ = mallopt(mArenaMax, 2)
            _ = mallopt(mMmapThreshold, 32 * 1024)
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
