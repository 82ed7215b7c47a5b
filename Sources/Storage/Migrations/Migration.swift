/// One named, numbered step of the database schema.
///
/// Steps are append-only: once released, a step's SQL never changes; a change is a new step.
package struct Migration: Sendable {
    package let version: Int
    package let name: String
    /// The script applied, in one transaction with the record of the step.
    package let sql: String
    /// Runs before ``sql`` in the same transaction: for a change plain SQL cannot say (a CHECK relaxed in place).
    package let prepare: (@Sendable (SQLiteConnection) throws -> Void)?

    package init(
        version: Int, name: String, sql: String, prepare: (@Sendable (SQLiteConnection) throws -> Void)? = nil
    ) {
        self.version = version
        self.name = name
        self.sql = sql
        self.prepare = prepare
    }
}
