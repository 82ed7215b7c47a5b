#ifndef PLESK_EXPORTER_CZLIB_SHIM_H
#define PLESK_EXPORTER_CZLIB_SHIM_H
#include <zlib.h>

// deflateInit2 and inflateInit2 are macros, which Swift cannot import.

/// Raw deflate (no zlib or gzip framing): the exporter writes the gzip header and trailer itself, so that
/// separately compressed parts of one response can be joined into a single gzip member.
static inline int czlib_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}

/// gzip-framed inflate, for tests that read what the exporter sent.
static inline int czlib_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 16 + 15);
}
#endif
