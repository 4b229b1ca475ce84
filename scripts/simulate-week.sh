#!/usr/bin/env bash
# A national week in minutes (issue 15): runs the real gateway (H2 or PostgreSQL, S/MIME, SMTP to a
# relay the run takes down, its scheduled routes) through a simulated week on its movable clock and
# prints deadline compliance; CSV and a plot (PNG) go to target/simulation/national-week-*.
#
#   scripts/simulate-week.sh [days] [incidents a day] [schools] [seed]     (defaults 7 4000 20000 15)
#
# The week is found from today by the school calendar: it starts on a Friday and holds a weekend,
# a weekday without school and at least three school days; the relay is down for two hours from
# 01:00 before the second school day and for twenty minutes from 07:50 on the last. Add
# -Dmash.test.database=postgresql (as MAVEN_ARGS) to run it on embedded PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

days=${1:-7}
per_day=${2:-4000}
schools=${3:-20000}
seed=${4:-15}

./mvnw -B -q test-compile
./mvnw -B -o surefire:test -Dtest=NationalWeekSimulation -Dsurefire.failIfNoSpecifiedTests=false \
    -Dsimulation.days="$days" -Dsimulation.incidents-per-day="$per_day" -Dsimulation.schools="$schools" \
    -Dsimulation.seed="$seed" ${MAVEN_ARGS:-}
