// Rewritten by scripts/stamp-revision before a release build; "unknown" in development builds.
let buildRevision = "unknown"
