import PleskSimulator

/// A reproducible random sequence (SplitMix64, the simulator's own generator), so a failing randomised scenario can
/// be replayed from its seed.
public typealias SeededRandom = SeededGenerator
