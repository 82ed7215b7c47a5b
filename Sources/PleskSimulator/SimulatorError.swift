/// Errors of the simulator's control API (mutations, certificates, lifecycle).
public struct SimulatorError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        case unknownDomain
        case unknownClient
        case unknownAlias
        case unknownSubscription
        case unknownServicePlan
        /// A plan guid of the wrong kind, or a plan for a customer.
        case invalidServicePlan
        /// Removing a plan that subscriptions still use.
        case servicePlanInUse
        case duplicateName
        case duplicateLogin
        case adminIsPermanent
        case invalidCertificate
        case invalidAddress
        case notRunning
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "PleskSimulator: \(self.message)" }
}
