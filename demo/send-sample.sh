#!/usr/bin/env bash
# Sends the sample HIGH-risk notification to the demo gateway as Derbyshire police, dated now: a
# fresh NotificationId, CreatedAt now, the incident an hour ago, the children aged 10 and 3 today.
# So its deadlines lie ahead and its acknowledgement links work, whatever the day.
#
#   demo/send-sample.sh [gateway base URL]      (default https://localhost:8443)
#
# Prints the document's id on the first line, then the gateway's answer. Send the same document
# again with:  demo/send-sample.sh --again  (answered 200 ALREADY_ACCEPTED, same reference).
set -euo pipefail
cd "$(dirname "$0")/.."

again=false
if [[ "${1:-}" == "--again" ]]; then
    again=true
    shift
fi
base="${1:-https://localhost:8443}"
stamped=data/demo-sample.xml
mkdir -p data

if [[ "$again" == false || ! -f "$stamped" ]]; then
    now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    incident=$(date -u -d '1 hour ago' +%Y-%m-%dT%H:%M:%SZ)
    id="DERBYS-DA-$(date -u +%Y)-$(date -u +%H%M%S)$((RANDOM % 10))"
    sed -e "s|<NotificationId>[^<]*</NotificationId>|<NotificationId>${id}</NotificationId>|" \
        -e "s|<CreatedAt>[^<]*</CreatedAt>|<CreatedAt>${now}</CreatedAt>|" \
        -e "s|<DateTime>[^<]*</DateTime>|<DateTime>${incident}</DateTime>|" \
        -e "s|<OccurrenceReference>DC-[0-9]*-|<OccurrenceReference>DC-$(date -u +%Y%m%d)-|" \
        -e "s|<DateOfBirth>2016-03-14</DateOfBirth>|<DateOfBirth>$(date -u -d '10 years ago 1 month ago' +%F)</DateOfBirth>|" \
        -e "s|<DateOfBirth>2023-01-30</DateOfBirth>|<DateOfBirth>$(date -u -d '3 years ago' +%F)</DateOfBirth>|" \
        src/test/resources/samples/da-notification-high.xml > "$stamped"
fi

sed -n 's|.*<NotificationId>\([^<]*\)</NotificationId>.*|\1|p' "$stamped"
curl --silent --show-error --cacert certs-example/ca.crt \
     --cert certs-example/police-DERBYS.crt --key certs-example/police-DERBYS.key \
     -H 'Content-Type: application/xml' --data-binary @"$stamped" \
     --write-out '\nHTTP %{http_code}\n' \
     "$base/api/v1/notifications"
