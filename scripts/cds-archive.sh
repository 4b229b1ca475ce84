#!/usr/bin/env bash
# Makes the gateway start faster: extracts the packaged jar (Spring Boot's CDS-friendly layout) and
# records a class data sharing archive of the classes the gateway loads while starting.
#
#   scripts/cds-archive.sh [jar] [folder] [-- gateway arguments for the training run]
#
# then start it with:
#
#   java -XX:SharedArchiveFile=<folder>/application.jsa -Xmx512m -jar <folder>/<jar name> [arguments]
#
# The training run starts the gateway with the given arguments (the demo's defaults when none: run
# from the project folder) and stops it once its context is refreshed (spring.context.exit=onRefresh),
# so it runs the database migrations of the configured store, as a start would. Make the archive
# again after every upgrade of the jar or of the JDK: a JVM that finds the archive out of date warns
# and starts without it (docs/operations.md, "Start-up").
set -euo pipefail

jar=${1:-$(ls target/mash-gateway-*.jar | grep -v '\.original$' | head -n 1)}
folder=${2:-target/application}
shift $(( $# > 2 ? 2 : $# ))
if [[ "${1:-}" == "--" ]]; then
    shift
fi

rm -rf "$folder"
java -Djarmode=tools -jar "$jar" extract --destination "$folder"
extracted="$folder/$(basename "$jar")"
java -XX:ArchiveClassesAtExit="$folder/application.jsa" -Dspring.context.exit=onRefresh \
    -Dspring.main.banner-mode=off -jar "$extracted" "$@"
echo "archive: $folder/application.jsa"
echo "start:   java -XX:SharedArchiveFile=$folder/application.jsa -Xmx512m -jar $extracted"
