/// Re-checks `condition` until it holds or `deadline` passes, and says whether it held: how a test awaits work
/// done elsewhere, instead of sleeping for a guessed time. The last check runs at the deadline, so a slow machine
/// that gets there late still sees the outcome.
public func eventually(
    within deadline: Duration = .seconds(30), every interval: Duration = .milliseconds(10),
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let end = ContinuousClock.now + deadline
    while ContinuousClock.now < end {
        if try await condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return try await condition()
}
