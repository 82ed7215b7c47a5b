// Reproducer for a Swift 6.3.1 optimizer bug (x86_64 Linux) that crashed `plesk_exporter poll` in release builds.
//
//   swiftc -O -parse-as-library taskgroup-tuple-result.swift && ./taskgroup-tuple-result
//     → indices seen by the parent: [0, 0, 0, 0] WRONG    (-Onone: [0, 1, 2, 3] in some order, OK)
//
// A task-group child `do { return (index, try await f()) } catch { return (index, g()) }` returns its tuple
// through the group's indirect (@out) result. With -O the success path copies f()'s value into the tuple but never
// stores `index` (the disassembly shows the store only on the catch path), so the parent reads whatever the result
// buffer held: here 0, in plesk_exporter a heap pointer, and `reports[index] = report` trapped (SIGILL).
// Binding the value first and building the tuple once (`let report: T; do { report = try await f() } catch { … };
// return (index, report)`) compiles correctly; so does a non-throwing child.
struct Report: Sendable {
    var name: String
    var values: [Int]
}

final class Poller: Sendable {
    let name: String
    init(name: String) { self.name = name }
    @inline(never) func poll() async throws -> Report { Report(name: name, values: [1, 2, 3]) }
}

@inline(never) func failure(_ name: String, _ error: any Error) -> Report { Report(name: "\(name): \(error)", values: []) }

@inline(never) func pollOnce(_ pollers: [Poller]) async -> [Int] {
    await withTaskGroup(of: (Int, Report).self) { group in
        for (index, poller) in pollers.enumerated() {
            group.addTask {
                do {
                    return (index, try await poller.poll())
                } catch {
                    return (index, failure(poller.name, error))
                }
            }
        }
        var indices: [Int] = []
        for await (index, _) in group { indices.append(index) }
        return indices
    }
}

@main struct Main {
    static func main() async {
        let indices = await pollOnce((0..<4).map { Poller(name: "p\($0)") })
        print("indices seen by the parent:", indices, indices.sorted() == [0, 1, 2, 3] ? "OK" : "WRONG")
    }
}
