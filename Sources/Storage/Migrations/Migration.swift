/// One named, numbered step of the database schema.
///
/// Steps are append-only: once released, a step's SQL never changes; a change is a new step.
package struct Migration: Sendable {
    package let version: Int
    package let name: String
    /// The script applied, in one transaction with the record of the step.
    package let sql: String

    package init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
