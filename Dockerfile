# syntax=docker/dockerfile:1
#
# plesk_exporter container image.
#
#   docker build -t plesk_exporter --build-arg REVISION=$(git rev-parse --short=12 HEAD) .
#   docker run --rm -p 10061:10061 plesk_exporter demo            # no Plesk needed
#   docker run -d -p 10061:10061 -v /etc/plesk_exporter:/etc/plesk_exporter:ro \
#       -v plesk_exporter:/var/lib/plesk_exporter plesk_exporter  # serve with your configuration
#
# Build stage: the Swift toolchain image, Swift's own libraries linked statically, so the runtime image
# only needs glibc, libstdc++ (both in debian:bookworm-slim), libsqlite3 and the CA certificates.

ARG SWIFT_IMAGE=swift:6.2-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libsqlite3-dev zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src

# Dependencies first, so that a source change does not fetch them again. Package.resolved is optional
# (it is not committed); the glob copies it when it exists.
COPY Package.* ./
RUN swift package resolve

COPY Sources ./Sources
COPY Tests ./Tests
COPY Benchmarks ./Benchmarks
# The git revision for plesk_exporter_build_info (what scripts/stamp-revision writes; .git is not in the
# build context).
ARG REVISION=unknown
RUN printf '// Written by the Dockerfile (REVISION build argument).\nlet buildRevision = "%s"\n' "$REVISION" \
        > Sources/Exporter/Wiring/BuildRevision.swift \
    && swift build -c release --static-swift-stdlib --product plesk_exporter \
    && install -D -m 0755 "$(swift build -c release --show-bin-path)/plesk_exporter" /out/plesk_exporter \
    && strip /out/plesk_exporter \
    && install -m 0755 /usr/libexec/swift/linux/swift-backtrace-static /out/swift-backtrace-static

# Runtime stage.
FROM ${RUNTIME_IMAGE}
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libsqlite3-0 ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10061 plesk_exporter \
    && useradd --system --uid 10061 --gid plesk_exporter --home-dir /var/lib/plesk_exporter --no-create-home \
        --shell /usr/sbin/nologin plesk_exporter \
    && install -d -m 0700 -o plesk_exporter -g plesk_exporter /var/lib/plesk_exporter \
    && install -d -m 0755 /etc/plesk_exporter
COPY --from=build /out/plesk_exporter /usr/local/bin/plesk_exporter
# Swift's crash backtracer, so that a crash logs a symbolicated backtrace instead of just "Illegal instruction".
COPY --from=build /out/swift-backtrace-static /usr/local/libexec/swift-backtrace-static
ENV SWIFT_BACKTRACE=enable=yes,sanitize=yes,threads=all,images=all,interactive=no,swift-backtrace=/usr/local/libexec/swift-backtrace-static
# Fails the build when a shared library is missing from the runtime image.
RUN /usr/local/bin/plesk_exporter --version

USER plesk_exporter:plesk_exporter
WORKDIR /var/lib/plesk_exporter
VOLUME /var/lib/plesk_exporter
EXPOSE 10061

# The image has no curl or wget (and the binary no health subcommand): bash's /dev/tcp sends a plain
# HTTP/1.1 request to /healthz, which needs no credentials even when basic auth is configured. Checks the
# default port on plain HTTP; change it together with --web.listen-address.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/10061 && printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r -t 4 status <&3 && [[ $status == 'HTTP/1.1 200'* ]]"]

ENTRYPOINT ["/usr/local/bin/plesk_exporter"]
CMD ["serve", \
     "--config.file=/etc/plesk_exporter/plesk_exporter.yml", \
     "--storage.path=/var/lib/plesk_exporter/plesk_exporter.db", \
     "--web.listen-address=:10061"]
