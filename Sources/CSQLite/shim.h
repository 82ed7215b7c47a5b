#ifndef PLESK_EXPORTER_CSQLITE_SHIM_H
#define PLESK_EXPORTER_CSQLITE_SHIM_H
#include <sqlite3.h>

// Swift cannot call C variadic functions and cannot import function-like macros;
// these wrappers expose what the Storage module needs.
static inline int csqlite_db_config_int(sqlite3 *db, int op, int value, int *out) {
    return sqlite3_db_config(db, op, value, out);
}
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
#endif
