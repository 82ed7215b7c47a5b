import ArgumentParser

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Start a simulated Plesk and a fully working exporter against it.")

    func run() async throws {}
}
